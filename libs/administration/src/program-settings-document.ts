import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';

/**
 * Everything an administrator sets about a program, as one document: what a version keeps
 * whole, what the API reads and writes. Amounts are cents, ratios and shares basis points.
 */
export interface ProgramSettingsDocument {
  envelopeCents: number;
  grantCeilingCents: number;
  coInvestmentRatioBps: number;
  intakeOpensOn: string;
  intakeClosesOn: string | null;
  screening: {
    smeMinEmployees: number;
    smeMaxEmployees: number;
    leverageCapBps: number;
    fullScoreJobsPer100kHundredths: number;
    fullScoreDurationMonths: number;
    weights: { leverage: number; jobs: number; useCaseFit: number; readiness: number; regionWave: number; duration: number };
    attachmentMaxBytes: number;
    attachmentMaxCount: number;
  };
  review: { divergencePoints: number; approvalThresholdPoints: number };
  agreements: { trancheBps: number[]; reminderDaysBefore: number };
  /** The waves and, in each, its target regions (fund-rules.md §2: ten in all). */
  waves: { waveNumber: number; nameFr: string; nameEn: string; opensOn: string; regionCodes: string[] }[];
  /** Cumulative targets per period, program-wide and per target region. */
  targets: {
    periodCode: string;
    labelFr: string;
    labelEn: string;
    startsOn: string;
    endsOn: string;
    smesFunded: number | null;
    aiJobs: number | null;
    regions: { regionCode: string; smesFunded: number | null; aiJobs: number | null }[];
  }[];
}

/** The document in force, read from the tables each context reads (in the caller's transaction). */
export async function readSettingsDocument(manager: EntityManager, programCode: string): Promise<{ version: number; document: ProgramSettingsDocument } | null> {
  const [program] = (await manager.query(
    `SELECT p.settings_version, p.envelope_cents::text AS envelope, p.grant_ceiling_cents::text AS ceiling, p.co_investment_ratio_bps,
            to_char(p.intake_opens_on, 'YYYY-MM-DD') AS opens, to_char(p.intake_closes_on, 'YYYY-MM-DD') AS closes,
            s.sme_min_employees, s.sme_max_employees, s.leverage_cap_bps, s.full_score_jobs_per_100k_hundredths, s.full_score_duration_months,
            s.weight_leverage, s.weight_jobs, s.weight_use_case_fit, s.weight_readiness, s.weight_region_wave, s.weight_duration, s.attachment_max_bytes, s.attachment_max_count,
            r.divergence_points, r.approval_threshold_points, g.tranche_bps, g.reminder_days_before
       FROM program p
       JOIN screening_settings s ON s.program_code = p.code
       JOIN review_settings r ON r.program_code = p.code
       JOIN agreement_settings g ON g.program_code = p.code
      WHERE p.code = $1`,
    [programCode],
  )) as Record<string, unknown>[];
  if (!program) return null;
  const waves = (await manager.query(
    `SELECT w.wave_number, w.name_fr, w.name_en, to_char(w.opens_on, 'YYYY-MM-DD') AS opens_on,
            coalesce(array_agg(t.region_code::text ORDER BY t.region_code) FILTER (WHERE t.region_code IS NOT NULL), '{}') AS regions
       FROM program_wave w LEFT JOIN program_target_region t ON t.program_code = w.program_code AND t.wave_number = w.wave_number
      WHERE w.program_code = $1 GROUP BY w.wave_number, w.name_fr, w.name_en, w.opens_on ORDER BY w.wave_number`,
    [programCode],
  )) as { wave_number: number; name_fr: string; name_en: string; opens_on: string; regions: string[] }[];
  const targets = (await manager.query(
    `SELECT period_code, label_fr, label_en, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, smes_funded, ai_jobs
       FROM roadmap_target WHERE program_code = $1 ORDER BY starts_on, period_code`,
    [programCode],
  )) as { period_code: string; label_fr: string; label_en: string; starts_on: string; ends_on: string; smes_funded: number | null; ai_jobs: number | null }[];
  const regional = (await manager.query(
    'SELECT period_code, region_code::text AS region_code, smes_funded, ai_jobs FROM regional_target WHERE program_code = $1 ORDER BY period_code, region_code',
    [programCode],
  )) as { period_code: string; region_code: string; smes_funded: number | null; ai_jobs: number | null }[];
  const number = (key: string) => Number(program[key]);
  return {
    version: number('settings_version'),
    document: {
      envelopeCents: toCents(String(program.envelope)),
      grantCeilingCents: toCents(String(program.ceiling)),
      coInvestmentRatioBps: number('co_investment_ratio_bps'),
      intakeOpensOn: String(program.opens),
      intakeClosesOn: (program.closes as string | null) ?? null,
      screening: {
        smeMinEmployees: number('sme_min_employees'), smeMaxEmployees: number('sme_max_employees'), leverageCapBps: number('leverage_cap_bps'),
        fullScoreJobsPer100kHundredths: number('full_score_jobs_per_100k_hundredths'), fullScoreDurationMonths: number('full_score_duration_months'),
        weights: {
          leverage: number('weight_leverage'), jobs: number('weight_jobs'), useCaseFit: number('weight_use_case_fit'), readiness: number('weight_readiness'),
          regionWave: number('weight_region_wave'), duration: number('weight_duration'),
        },
        attachmentMaxBytes: number('attachment_max_bytes'), attachmentMaxCount: number('attachment_max_count'),
      },
      review: { divergencePoints: number('divergence_points'), approvalThresholdPoints: number('approval_threshold_points') },
      agreements: { trancheBps: (program.tranche_bps as number[]).map(Number), reminderDaysBefore: number('reminder_days_before') },
      waves: waves.map((wave) => ({ waveNumber: wave.wave_number, nameFr: wave.name_fr, nameEn: wave.name_en, opensOn: wave.opens_on, regionCodes: wave.regions })),
      targets: targets.map((target) => ({
        periodCode: target.period_code, labelFr: target.label_fr, labelEn: target.label_en, startsOn: target.starts_on, endsOn: target.ends_on,
        smesFunded: target.smes_funded, aiJobs: target.ai_jobs,
        regions: regional.filter((row) => row.period_code === target.period_code).map((row) => ({ regionCode: row.region_code, smesFunded: row.smes_funded, aiJobs: row.ai_jobs })),
      })),
    },
  };
}
