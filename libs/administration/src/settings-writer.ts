import { EntityManager } from 'typeorm';
import { ProgramSettingsDocument } from './program-settings-document';

/**
 * Writes a settings document into the tables each context reads (program, screening, review,
 * agreements, waves and target regions, targets), in the caller's transaction. Waves and
 * targets are replaced whole: a version is a complete document, not a patch.
 */
export async function writeSettingsDocument(manager: EntityManager, programCode: string, version: number, document: ProgramSettingsDocument, at: Date): Promise<void> {
  await manager.query(
    `UPDATE program SET envelope_cents = $2, grant_ceiling_cents = $3, co_investment_ratio_bps = $4, intake_opens_on = $5, intake_closes_on = $6,
            settings_version = $7, updated_at = $8 WHERE code = $1`,
    [programCode, document.envelopeCents, document.grantCeilingCents, document.coInvestmentRatioBps, document.intakeOpensOn, document.intakeClosesOn, version, at],
  );
  const s = document.screening;
  await manager.query(
    `UPDATE screening_settings SET sme_min_employees = $2, sme_max_employees = $3, leverage_cap_bps = $4, full_score_jobs_per_100k_hundredths = $5,
            full_score_duration_months = $6, weight_leverage = $7, weight_jobs = $8, weight_use_case_fit = $9, weight_readiness = $10, weight_region_wave = $11,
            weight_duration = $12, attachment_max_bytes = $13, attachment_max_count = $14, updated_at = $15 WHERE program_code = $1`,
    [programCode, s.smeMinEmployees, s.smeMaxEmployees, s.leverageCapBps, s.fullScoreJobsPer100kHundredths, s.fullScoreDurationMonths, s.weights.leverage, s.weights.jobs,
      s.weights.useCaseFit, s.weights.readiness, s.weights.regionWave, s.weights.duration, s.attachmentMaxBytes, s.attachmentMaxCount, at],
  );
  await manager.query('UPDATE review_settings SET divergence_points = $2, approval_threshold_points = $3 WHERE program_code = $1', [programCode, document.review.divergencePoints, document.review.approvalThresholdPoints]);
  await manager.query('UPDATE agreement_settings SET tranche_bps = $2, reminder_days_before = $3 WHERE program_code = $1', [programCode, document.agreements.trancheBps, document.agreements.reminderDaysBefore]);

  for (const table of ['regional_target', 'roadmap_target', 'program_target_region', 'program_wave']) await manager.query(`DELETE FROM ${table} WHERE program_code = $1`, [programCode]);
  for (const wave of document.waves) {
    await manager.query('INSERT INTO program_wave (program_code, wave_number, name_fr, name_en, opens_on) VALUES ($1, $2, $3, $4, $5)', [programCode, wave.waveNumber, wave.nameFr, wave.nameEn, wave.opensOn]);
    for (const region of wave.regionCodes) {
      await manager.query('INSERT INTO program_target_region (program_code, region_code, wave_number) VALUES ($1, $2, $3)', [programCode, region, wave.waveNumber]);
    }
  }
  for (const target of document.targets) {
    await manager.query(
      'INSERT INTO roadmap_target (program_code, period_code, label_fr, label_en, starts_on, ends_on, smes_funded, ai_jobs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [programCode, target.periodCode, target.labelFr, target.labelEn, target.startsOn, target.endsOn, target.smesFunded, target.aiJobs],
    );
    for (const regional of target.regions) {
      await manager.query(
        'INSERT INTO regional_target (program_code, period_code, region_code, smes_funded, ai_jobs) VALUES ($1, $2, $3, $4, $5)',
        [programCode, target.periodCode, regional.regionCode, regional.smesFunded, regional.aiJobs],
      );
    }
  }
}
