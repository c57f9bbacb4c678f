import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@fa/shared';
import { ProgramsService } from '@fa/programs';
import { AccountEntity, AccountsService, Role } from '@fa/identity';
import { ApplicationsService, OrganizationProfilesService, SubmissionService } from '@fa/intake';
import { ChangeRequestsService, ConflictDeclarationsService, DecisionsService, RecommendationsService, ReviewsService, ScreeningConfirmationService } from '@fa/review';
import { AgreementsService, AmendmentsService, MilestoneReportsService, PaymentOrdersService, TrancheReleasesService } from '@fa/agreements';
import { ensureDemoAccount } from './demo-accounts';
import { DemoClock } from './demo-clock';
import { seededRandom } from './seeded-random';

/** Where a generated file stops (fund-rules.md §6), and how often. */
const FATES = [
  ['DRAFT', 8], ['WITHDRAWN', 4], ['SCREENED', 12], ['IN_REVIEW', 8], ['CHANGES_REQUESTED', 4], ['RECOMMENDED', 8], ['DECLINED', 8],
  ['APPROVED', 8], ['AGREEMENT_SIGNED', 8], ['ACTIVE', 20], ['COMPLETED', 6], ['TERMINATED', 6],
] as const;
type Fate = (typeof FATES)[number][0];

const TARGET_REGIONS = ['06', '05', '17', '03', '02', '04', '16', '12', '13', '07'];
const OTHER_REGIONS = ['01', '08', '14', '15'];
const CITIES: Record<string, string> = {
  '01': 'Rimouski', '02': 'Saguenay', '03': 'Québec', '04': 'Trois-Rivières', '05': 'Sherbrooke', '06': 'Montréal', '07': 'Gatineau', '08': 'Rouyn-Noranda',
  '12': 'Lévis', '13': 'Laval', '14': 'Joliette', '15': 'Saint-Jérôme', '16': 'Longueuil', '17': 'Drummondville',
};
const SECTORS = [
  { code: 'MANUFACTURING_ROBOTICS', naics: ['332710', '333249', '336390', '326199'], words: 'Usinage', useCases: ['REALTIME_QUALITY_INSPECTION', 'PREDICTIVE_LINE_MAINTENANCE'], titles: ['Inspection de la qualité par vision artificielle', 'Maintenance prédictive de la ligne d’assemblage'] },
  { code: 'CONSTRUCTION_AI', naics: ['236220', '237310', '238210', '541330'], words: 'Construction', useCases: ['SITE_DIGITAL_TWIN_4D_PLANNING', 'BIM_CLASH_DETECTION', 'COST_ESTIMATION'], titles: ['Jumeau numérique de chantier en 4D', 'Détection automatique des conflits BIM', 'Estimation des coûts par apprentissage'] },
  { code: 'HEALTH_AI', naics: ['621510', '621110', '339112', '325410'], words: 'Clinique', useCases: ['IMAGING_TRIAGE', 'AUTOMATIC_ANNOTATION', 'READING_TIME_REDUCTION'], titles: ['Triage des examens d’imagerie', 'Annotation automatique des images médicales', 'Réduction du temps de lecture en radiologie'] },
];
const NAMES = ['Boréal', 'Laurentide', 'Fleuve', 'Cap-Rouge', 'Horizon', 'Érable', 'Nordique', 'Estuaire', 'Vallée', 'Outaouais', 'Gaspé', 'Mauricie', 'Saguenay', 'Appalaches', 'Montérégie'];
const DAY = 86_400_000;

export interface GenerationResult {
  smes: number;
  /** Where the generated files stand at the end, by state. */
  byFate: Record<string, number>;
  /** Approvals the envelope could not cover, declined instead. */
  envelopeRefusals: number;
}

type Caller = { account: AccountEntity; clientAddress: null };
interface Step {
  at: number;
  sme: number;
  run: () => Promise<Step | null>;
}

/**
 * Realistic demo data, deterministic for a seed: SMEs across the ten target regions (and a few
 * outside them), each taken to a fate — draft, withdrawn, screened, in review, returned for
 * changes, recommended, declined, approved, signed, paying, completed or terminated — through
 * the domain services only, as the people of the platform would, so every invariant holds
 * (the envelope, the co-investment gate, four eyes, the ledger). Time is simulated: every step
 * runs at its own moment on a travelling clock, in the order of those moments, from the
 * program's launch to now, so the timeline, the waves and the ledger's chain agree.
 */
export class DemoGenerator {
  private readonly random: () => number;
  private readonly staff: Record<'reviewers' | 'approvers' | 'finance', Caller[]> = { reviewers: [], approvers: [], finance: [] };
  private envelopeRefusals = 0;
  private readonly waveOpening = new Map<string, string>();

  constructor(
    private readonly app: INestApplicationContext,
    private readonly clock: DemoClock,
    private readonly seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  async generate(smes: number, from: Date, to: Date, password: string): Promise<GenerationResult> {
    this.clock.travelTo(from);
    if (await generatedBefore(this.get(DataSource), this.seed)) throw new Error(`Seed ${this.seed} was already generated in this database: choose another --seed.`);
    await this.ensureStaff(password);
    const overview = await this.get(ProgramsService).getOverview(this.app.get<AppConfig>(APP_CONFIG).PROGRAM_CODE);
    for (const wave of overview.waves) for (const region of wave.regions) this.waveOpening.set(region.code, wave.opensOn);
    const fates = Array.from({ length: smes }, () => this.pick(FATES));
    const applicants: Caller[] = [];
    for (let index = 0; index < Math.ceil(smes / 10); index++) {
      const account = await ensureDemoAccount(this.get(AccountsService), this.get(DataSource), { role: 'APPLICANT', email: `pme-${this.seed}-${index + 1}@generated.fonds-acceleration.localhost`, displayName: `PME générée ${index + 1}` }, password, 'demo:generate');
      applicants.push({ account, clientAddress: null });
    }
    const span = to.getTime() - from.getTime();
    // Drafts spread over the period; the files meant to go furthest started earliest, so they get there by now.
    const reach: Partial<Record<Fate, number>> = { ACTIVE: 0.3, COMPLETED: 0.15, TERMINATED: 0.3, AGREEMENT_SIGNED: 0.5, APPROVED: 0.6, DECLINED: 0.7, RECOMMENDED: 0.7 };
    const queue: Step[] = fates.map((fate, sme) => ({ at: from.getTime() + Math.floor(this.random() * span * (reach[fate] ?? 0.9)), sme, run: () => this.start(sme, fate, applicants[Math.floor(sme / 10)]) }));
    while (queue.length > 0) {
      queue.sort((a, b) => a.at - b.at || a.sme - b.sme);
      const step = queue.shift()!;
      if (step.at > to.getTime()) continue;
      this.clock.travelTo(new Date(step.at));
      const next = await step.run();
      if (next) queue.push(next);
    }
    // What happened, not what was planned: ineligible files were declined, some files are still on their way.
    const states = (await this.get(DataSource).query(
      'SELECT a.status, count(*)::int AS n FROM application a JOIN organization o ON o.id = a.organization_id WHERE o.neq LIKE $1 GROUP BY a.status ORDER BY a.status',
      [`${neqPrefix(this.seed)}%`],
    )) as { status: string; n: number }[];
    const byFate = Object.fromEntries(states.map((row) => [row.status, row.n]));
    return { smes, byFate, envelopeRefusals: this.envelopeRefusals };
  }

  /** The SME registers its enterprise and writes its draft; the rest follows from its fate. */
  private async start(sme: number, fate: Fate, applicant: Caller): Promise<Step | null> {
    // Most SMEs apply once their region's wave is open; a few apply too early, or from outside the target regions.
    const today = isoDay(this.clock.now().getTime());
    const open = TARGET_REGIONS.filter((code) => (this.waveOpening.get(code) ?? '9999') <= today);
    const draw = this.random();
    const region = draw < 0.04 ? this.pick(OTHER_REGIONS.map((code) => [code, 1] as const)) : draw < 0.1 || open.length === 0 ? this.weightedRegion(TARGET_REGIONS) : this.weightedRegion(open);
    const sector = SECTORS[Math.floor(this.random() * SECTORS.length)];
    const variant = Math.floor(this.random() * sector.useCases.length);
    const neq = `${neqPrefix(this.seed)}${String(sme + 1).padStart(5, '0')}`;
    const requested = this.roundTo(this.between(60_000_00, 500_000_00), 5_000_00);
    const jobs = Math.max(1, Math.round((requested / 100_000_00) * this.between(1, 5)));
    const now = this.clock.now();
    const { organization } = await this.get(OrganizationProfilesService).register(applicant, {
      legalName: `${sector.words} ${this.pick(NAMES.map((name) => [name, 1] as const))} ${sme + 1} inc.`, neq, streetAddress: `${100 + sme}, rue Principale`, city: CITIES[region] ?? 'Québec',
      postalCode: 'G1R 4S9', regionCode: region, naicsCode: this.pick(sector.naics.map((code) => [code, 1] as const)), employees: this.between(5, 300), annualRevenueCents: this.between(500_000_00, 40_000_000_00),
      aiRole: 'ADOPTER', clientSectorCode: null,
    });
    const draft = await this.get(ApplicationsService).create(applicant, organization.id, {
      title: sector.titles[variant] ?? sector.titles[0], description: 'Projet d’adoption de l’IA (données de démonstration générées).', sectorCode: sector.code, useCaseCode: sector.useCases[variant],
      aiApproach: 'Modèles entraînés sur nos données historiques.', dataAvailable: true, dataDescription: 'Historique de production et images annotées.', mlStaffInPlace: this.random() < 0.6,
      researchPartners: this.random() < 0.5 ? ['Mila'] : [], totalProjectCostCents: requested * 2, amountRequestedCents: requested, otherPublicFundingCents: 0, aiJobsPlanned: jobs,
      milestones: [{ title: 'Pilote', dueOn: isoDay(now.getTime() + 120 * DAY) }, { title: 'Déploiement', dueOn: isoDay(now.getTime() + 300 * DAY) }],
      coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: requested, evidenceAttachmentId: null }],
      declaresAccuracy: true, consentsToProcessing: true, acknowledgesAutomatedScreening: true,
    });
    const id = draft.application.id;
    if (fate === 'DRAFT') return null;
    return this.later(sme, 1, 5, async () => {
      const submitted = await this.get(SubmissionService).submit(applicant, id);
      if (fate === 'WITHDRAWN') return this.later(sme, 3, 20, async () => (await this.get(ApplicationsService).withdraw(applicant, id, 'Projet reporté.'), null));
      if (fate === 'SCREENED') return null;
      const eligible = submitted.screening.outcome !== 'INELIGIBLE';
      return this.later(sme, 2, 10, () => this.review(sme, fate, applicant, id, requested, jobs, eligible));
    });
  }

  private async review(sme: number, fate: Fate, applicant: Caller, id: string, requested: number, jobs: number, eligible: boolean): Promise<Step | null> {
    const [first, second] = this.twoOf(this.staff.reviewers);
    await this.get(ConflictDeclarationsService).declare(first, id, 'NO_CONFLICT', null);
    await this.get(ScreeningConfirmationService).confirm(first, id, eligible ? 'ELIGIBLE' : 'INELIGIBLE', eligible ? 'Pièces au dossier vérifiées.' : 'Région ou critère du programme non respecté.');
    // A file a person confirmed ineligible goes on to its decline (no machine refuses it alone).
    if (fate === 'IN_REVIEW') return null;
    if (fate === 'CHANGES_REQUESTED') return this.later(sme, 3, 15, async () => (await this.get(ChangeRequestsService).request(first, id, 'Précisez le calendrier du projet.'), null));
    const scores = (base: number) => ({ AI_INNOVATION: base, TECHNICAL_FEASIBILITY: base, TEAM_CAPACITY: 4, ECONOMIC_IMPACT_AND_JOBS: base, RESPONSIBLE_AI_AND_DATA: 4 });
    const good = fate !== 'DECLINED' && eligible;
    await this.get(ReviewsService).submit(first, id, { scores: scores(good ? 4 : 2), comments: {} });
    await this.get(ConflictDeclarationsService).declare(second, id, 'NO_CONFLICT', null);
    await this.get(ReviewsService).submit(second, id, { scores: scores(good ? 4 : 2), comments: {} });
    const amount = this.roundTo(Math.min(requested, this.between(Math.floor(requested * 0.6), requested)), 1_000_00);
    await this.get(RecommendationsService).recommend(first, id, good ? { kind: 'APPROVE', amountCents: amount, reasons: 'Projet solide.' } : { kind: 'DECLINE', amountCents: null, reasons: 'Retombées insuffisantes.' });
    if (fate === 'RECOMMENDED' || (!good && ['SCREENED', 'CHANGES_REQUESTED'].includes(fate))) return null;
    return this.later(sme, 5, 20, () => this.decide(sme, fate, applicant, id, amount, jobs, good));
  }

  private async decide(sme: number, fate: Fate, applicant: Caller, id: string, amount: number, jobs: number, approve: boolean): Promise<Step | null> {
    const approver = this.pick(this.staff.approvers.map((caller) => [caller, 1] as const));
    await this.get(ConflictDeclarationsService).declare(approver, id, 'NO_CONFLICT', null);
    const decisions = this.get(DecisionsService);
    if (approve) {
      try {
        await decisions.decide(approver, id, { outcome: 'APPROVED', amountCents: amount, reasons: null, requestKey: `generated-${this.seed}-${sme}` });
      } catch (error) {
        if (!(error instanceof DomainError) || !String(error.code).includes('ENVELOPE')) throw error;
        // The envelope is spent: the committee declines, as it would.
        this.envelopeRefusals++;
        await decisions.decide(approver, id, { outcome: 'DECLINED', amountCents: null, reasons: 'Enveloppe du programme épuisée.', requestKey: `generated-${this.seed}-${sme}-declined` });
        return null;
      }
    } else {
      await decisions.decide(approver, id, { outcome: 'DECLINED', amountCents: null, reasons: 'Retombées insuffisantes.', requestKey: `generated-${this.seed}-${sme}` });
    }
    if (!approve || fate === 'APPROVED') return null;
    return this.later(sme, 5, 15, async () => {
      const agreements = this.get(AgreementsService);
      const agreement = await agreements.create(approver, id);
      await agreements.accept(applicant, agreement.id);
      const signer = this.otherThan(this.staff.approvers, approver);
      await this.get(ConflictDeclarationsService).declare(signer, id, 'NO_CONFLICT', null);
      await agreements.sign(signer, agreement.id);
      if (fate === 'AGREEMENT_SIGNED') return null;
      return this.later(sme, 15, 45, () => this.pay(sme, fate, applicant, agreement.id, jobs, signer, 1));
    });
  }

  /**
   * The enterprise reports milestone `milestone` with private spending that covers the public
   * money paid after the next tranches (1:1), a reviewer accepts it, and an approver releases
   * what it makes releasable (the first report opens the first two tranches), paid by finance.
   */
  private async pay(sme: number, fate: Fate, applicant: Caller, agreementId: string, jobs: number, releaser: Caller, milestone: number): Promise<Step | null> {
    const agreements = this.get(AgreementsService);
    const agreement = await agreements.view(applicant, agreementId);
    const tranches = agreement.tranches.length;
    const upTo = Math.min(milestone + 1, tranches);
    const coveredCents = agreement.tranches.slice(0, upTo).reduce((sum, tranche) => sum + tranche.amountCents, 0);
    const report = await this.get(MilestoneReportsService).submit(applicant, agreementId, {
      milestoneNumber: milestone, progress: 'Jalon atteint (données de démonstration).', aiJobsToDate: Math.max(1, Math.round((jobs * milestone) / Math.max(tranches - 1, 1))),
      privateSpentToDateCents: coveredCents, evidenceAttachmentIds: [],
    });
    const reviewer = this.pick(this.staff.reviewers.map((caller) => [caller, 1] as const));
    // A reviewer who has not declared on this file does so first (declaring again is harmless to skip).
    await this.get(ConflictDeclarationsService).declare(reviewer, agreement.applicationId, 'NO_CONFLICT', null).catch(() => undefined);
    await this.get(MilestoneReportsService).review(reviewer, agreementId, report.id, 'ACCEPTED', null);
    const first = milestone === 1 ? 1 : upTo;
    // An ACTIVE file keeps its second tranche unpaid half of the time: money still to come.
    const last = fate === 'ACTIVE' && milestone === 1 && this.random() < 0.5 ? 1 : upTo;
    for (let tranche = first; tranche <= last; tranche++) {
      const { order } = await this.get(TrancheReleasesService).release(releaser, agreementId, tranche, `generated-${this.seed}-${sme}-t${tranche}`);
      await this.get(PaymentOrdersService).markPaid(this.staff.finance[0], order.id, `VIR-${this.seed}-${sme}-${tranche}`);
    }
    if (fate === 'TERMINATED') {
      return this.later(sme, 10, 30, async () => {
        // A schedule of two tranches may be fully paid (completed) by now: nothing is left to terminate.
        if ((await agreements.view(applicant, agreementId)).status !== 'SIGNED') return null;
        await this.get(AmendmentsService).terminate(releaser, agreementId, 'Projet abandonné par l’entreprise.', `generated-${this.seed}-${sme}-end`, null);
        return null;
      });
    }
    if (fate !== 'COMPLETED' || upTo >= tranches) return null;
    return this.later(sme, 15, 40, () => this.pay(sme, fate, applicant, agreementId, jobs, releaser, milestone + 1));
  }

  private async ensureStaff(password: string): Promise<void> {
    const people: [keyof DemoGenerator['staff'], Role, string][] = [
      ['reviewers', 'REVIEWER', 'analyste'], ['reviewers', 'REVIEWER', 'analyste'], ['reviewers', 'REVIEWER', 'analyste'], ['reviewers', 'REVIEWER', 'analyste'],
      ['approvers', 'APPROVER', 'approbateur'], ['approvers', 'APPROVER', 'approbateur'], ['approvers', 'APPROVER', 'approbateur'], ['finance', 'ADMINISTRATOR', 'finances'],
    ];
    for (const [index, [group, role, word]] of people.entries()) {
      const account = await ensureDemoAccount(this.get(AccountsService), this.get(DataSource), { role, email: `${word}-${index + 1}@generated.fonds-acceleration.localhost`, displayName: `${word} ${index + 1} (généré)` }, password, 'demo:generate');
      this.staff[group].push({ account, clientAddress: null });
    }
  }

  private later(sme: number, minDays: number, maxDays: number, run: () => Promise<Step | null>): Step {
    return { at: this.clock.now().getTime() + Math.floor((minDays + this.random() * (maxDays - minDays)) * DAY), sme, run };
  }

  private get<T>(type: abstract new (...args: never[]) => T): T {
    return this.app.get(type as never) as T;
  }

  private pick<T>(weighted: readonly (readonly [T, number])[]): T {
    const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.random() * total;
    for (const [value, weight] of weighted) {
      draw -= weight;
      if (draw < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  }

  /** The pilot regions see the most files, the later waves fewer. */
  private weightedRegion(among: string[]): string {
    return this.pick(among.map((code) => [code, TARGET_REGIONS.indexOf(code) < 3 ? 4 : TARGET_REGIONS.indexOf(code) < 6 ? 3 : 2] as const));
  }

  private twoOf(people: Caller[]): [Caller, Caller] {
    const first = Math.floor(this.random() * people.length);
    return [people[first], people[(first + 1 + Math.floor(this.random() * (people.length - 1))) % people.length]];
  }

  private otherThan(people: Caller[], one: Caller): Caller {
    const others = people.filter((person) => person.account.id !== one.account.id);
    return others[Math.floor(this.random() * others.length)];
  }

  private between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private roundTo(value: number, step: number): number {
    return Math.max(step, Math.round(value / step) * step);
  }
}

/** Generated enterprises' NEQs: 119, the seed's last two digits, the SME's number (up to 99,999); the static demo's start with 117. */
export const MAX_GENERATED_SMES = 99_999;
function neqPrefix(seed: number): string {
  return `119${String(seed % 100).padStart(2, '0')}`;
}

/** Whether enterprises of this seed are in the database already (a whole or an interrupted generation). */
export async function generatedBefore(dataSource: DataSource, seed: number): Promise<boolean> {
  return ((await dataSource.query('SELECT 1 FROM organization WHERE neq LIKE $1 LIMIT 1', [`${neqPrefix(seed)}%`])) as unknown[]).length > 0;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
