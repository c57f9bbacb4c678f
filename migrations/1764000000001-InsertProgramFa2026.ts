import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data of the FA-2026 program, from fund-rules.md §1–3 (roadmap of 2026-04-17, J+0).
 * Dates: launch J+75 = 2026-07-01; wave 2 at J+180 = 2026-10-14; wave 3 at J+270 = 2027-01-12.
 * Values marked "our default" there (intake closing date, wave 3 regions) are settings.
 */
const PROGRAM = 'FA-2026';

const REGIONS: [string, string, string][] = [
  ['01', 'Bas-Saint-Laurent', 'Bas-Saint-Laurent'],
  ['02', 'Saguenay–Lac-Saint-Jean', 'Saguenay–Lac-Saint-Jean'],
  ['03', 'Capitale-Nationale', 'Capitale-Nationale'],
  ['04', 'Mauricie', 'Mauricie'],
  ['05', 'Estrie', 'Estrie'],
  ['06', 'Montréal', 'Montréal'],
  ['07', 'Outaouais', 'Outaouais'],
  ['08', 'Abitibi-Témiscamingue', 'Abitibi-Témiscamingue'],
  ['09', 'Côte-Nord', 'Côte-Nord'],
  ['10', 'Nord-du-Québec', 'Nord-du-Québec'],
  ['11', 'Gaspésie–Îles-de-la-Madeleine', 'Gaspésie–Îles-de-la-Madeleine'],
  ['12', 'Chaudière-Appalaches', 'Chaudière-Appalaches'],
  ['13', 'Laval', 'Laval'],
  ['14', 'Lanaudière', 'Lanaudière'],
  ['15', 'Laurentides', 'Laurentides'],
  ['16', 'Montérégie', 'Montérégie'],
  ['17', 'Centre-du-Québec', 'Centre-du-Québec'],
];

const WAVES: [number, string, string, string][] = [
  [1, 'Vague 1 — régions pilotes', 'Wave 1 — pilot regions', '2026-07-01'],
  [2, 'Vague 2 — déploiement à cinq régions', 'Wave 2 — five-region deployment', '2026-10-14'],
  [3, 'Vague 3 — achèvement à dix régions', 'Wave 3 — completion to ten regions', '2027-01-12'],
];

const TARGET_REGIONS: [string, number][] = [
  ['06', 1], ['05', 1], ['17', 1],
  ['03', 2], ['02', 2], ['04', 2],
  ['16', 3], ['12', 3], ['13', 3], ['07', 3],
];

const SECTORS: [string, string, string, string[]][] = [
  ['MANUFACTURING_ROBOTICS', 'Robotique manufacturière', 'Manufacturing robotics', ['31', '32', '33']],
  ['CONSTRUCTION_AI', 'Construction IA', 'Construction AI', ['23', '5413']],
  ['HEALTH_AI', 'Santé IA', 'Health AI', ['62', '3391', '3254']],
];

const USE_CASES: [string, string, string, string][] = [
  ['MANUFACTURING_ROBOTICS', 'REALTIME_QUALITY_INSPECTION', 'Inspection de la qualité en temps réel (vision par ordinateur et cobots)', 'Real-time quality inspection (computer vision and cobots)'],
  ['MANUFACTURING_ROBOTICS', 'PREDICTIVE_LINE_MAINTENANCE', 'Maintenance prédictive des lignes de production', 'Predictive maintenance of production lines'],
  ['CONSTRUCTION_AI', 'SITE_DIGITAL_TWIN_4D_PLANNING', 'Jumeau numérique de chantier : planification 4D', 'Site digital twin: 4D planning'],
  ['CONSTRUCTION_AI', 'BIM_CLASH_DETECTION', 'Détection des conflits BIM', 'BIM clash detection'],
  ['CONSTRUCTION_AI', 'COST_ESTIMATION', 'Estimation des coûts', 'Cost estimation'],
  ['HEALTH_AI', 'IMAGING_TRIAGE', 'Aide au diagnostic en imagerie : triage radiologie et TDM', 'Imaging diagnosis aid: radiology and CT triage'],
  ['HEALTH_AI', 'AUTOMATIC_ANNOTATION', 'Annotation automatique des images médicales', 'Automatic annotation of medical images'],
  ['HEALTH_AI', 'READING_TIME_REDUCTION', 'Réduction du temps de lecture', 'Reading-time reduction'],
];

const TARGETS: [string, string, string, string, string, number | null, number][] = [
  ['T2', 'T2 (J+90 à J+180)', 'Q2 (D+90 to D+180)', '2026-07-16', '2026-10-14', 30, 80],
  ['T3', 'T3 (J+180 à J+270)', 'Q3 (D+180 to D+270)', '2026-10-14', '2027-01-12', 100, 200],
  ['T4', 'T4 (J+270 à J+365)', 'Q4 (D+270 to D+365)', '2027-01-12', '2027-04-17', 250, 400],
  ['REVIEW_12M', 'Bilan 12 mois', '12-month review', '2027-04-17', '2027-07-16', null, 450],
];

export class InsertProgramFa20261764000000001 implements MigrationInterface {
  name = 'InsertProgramFa20261764000000001';

  async up(db: QueryRunner): Promise<void> {
    for (const [code, fr, en] of REGIONS) {
      await db.query('INSERT INTO region (code, name_fr, name_en) VALUES ($1, $2, $3)', [code, fr, en]);
    }
    await db.query(
      `INSERT INTO program (code, name_fr, name_en, short_name_fr, short_name_en, operator_name, envelope_cents,
         grant_ceiling_cents, co_investment_ratio_bps, roadmap_start_date, launch_date, intake_opens_on, intake_closes_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        PROGRAM,
        'Fonds Accélération – Vallée du Saint-Laurent IA',
        'Acceleration Fund – St. Lawrence Valley AI',
        'Fonds Accélération',
        'Acceleration Fund',
        'Investissement Québec',
        '1500000000', // 15 000 000,00 $
        '50000000', // 500 000,00 $
        10_000, // 1:1
        '2026-04-17',
        '2026-07-01',
        '2026-07-01',
        '2027-04-17',
      ],
    );
    for (const [wave, fr, en, opensOn] of WAVES) {
      await db.query('INSERT INTO program_wave (program_code, wave_number, name_fr, name_en, opens_on) VALUES ($1, $2, $3, $4, $5)', [PROGRAM, wave, fr, en, opensOn]);
    }
    for (const [region, wave] of TARGET_REGIONS) {
      await db.query('INSERT INTO program_target_region (program_code, region_code, wave_number) VALUES ($1, $2, $3)', [PROGRAM, region, wave]);
    }
    for (const [index, [code, fr, en, prefixes]] of SECTORS.entries()) {
      await db.query('INSERT INTO priority_sector (program_code, code, label_fr, label_en, display_order) VALUES ($1, $2, $3, $4, $5)', [PROGRAM, code, fr, en, index + 1]);
      for (const prefix of prefixes) {
        await db.query('INSERT INTO priority_sector_naics_prefix (program_code, sector_code, prefix) VALUES ($1, $2, $3)', [PROGRAM, code, prefix]);
      }
    }
    for (const [index, [sector, code, fr, en]] of USE_CASES.entries()) {
      await db.query(
        'INSERT INTO flagship_use_case (program_code, sector_code, code, label_fr, label_en, display_order) VALUES ($1, $2, $3, $4, $5, $6)',
        [PROGRAM, sector, code, fr, en, index + 1],
      );
    }
    for (const prefix of ['5415', '5417']) {
      await db.query('INSERT INTO ai_supplier_naics_prefix (program_code, prefix) VALUES ($1, $2)', [PROGRAM, prefix]);
    }
    for (const [period, fr, en, startsOn, endsOn, smes, jobs] of TARGETS) {
      await db.query(
        'INSERT INTO roadmap_target (program_code, period_code, label_fr, label_en, starts_on, ends_on, smes_funded, ai_jobs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [PROGRAM, period, fr, en, startsOn, endsOn, smes, jobs],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    // Children go with the program (ON DELETE CASCADE); regions are shared reference data.
    await db.query('DELETE FROM program WHERE code = $1', [PROGRAM]);
    await db.query('DELETE FROM region');
  }
}
