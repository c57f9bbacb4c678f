import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RuleId, RuleResult, ScoreFactor, Screening, ScreeningInput, ScreeningOutcome, ScreeningSettings } from '@fa/eligibility';

/** A screening as stored: everything needed to explain it later, whatever the settings have become. */
export interface StoredScreening {
  id: string;
  applicationId: string;
  ruleSetVersion: string;
  outcome: ScreeningOutcome;
  score: number;
  inputs: ScreeningInput;
  settings: ScreeningSettings;
  /** The version of the program's settings the screening read. */
  settingsVersion: number;
  results: RuleResult[];
  scoreFactors: ScoreFactor[];
  decidingRules: RuleId[];
  screenedAt: Date;
  reexaminationRequestedAt: Date | null;
}

/** Frozen submissions and stored screenings. */
@Injectable()
export class ScreeningRepository {
  async insertSubmission(manager: EntityManager, submission: { id: string; applicationId: string; submittedAt: Date; submittedBy: string; content: unknown }): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO application_submission (id, application_id, sequence, submitted_at, submitted_by, content)
       VALUES ($1, $2, (SELECT count(*) + 1 FROM application_submission WHERE application_id = $2), $3, $4, $5)
       RETURNING sequence`,
      [submission.id, submission.applicationId, submission.submittedAt, submission.submittedBy, JSON.stringify(submission.content)],
    )) as { sequence: number }[];
    return rows[0].sequence;
  }

  /** The content of the latest submission, as frozen when it was sent. */
  async latestSubmission(manager: EntityManager, applicationId: string): Promise<{ sequence: number; submittedAt: Date; content: unknown } | null> {
    const rows = (await manager.query(
      `SELECT sequence, submitted_at AS "submittedAt", content FROM application_submission WHERE application_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [applicationId],
    )) as { sequence: number; submittedAt: Date; content: unknown }[];
    return rows[0] ?? null;
  }

  async insertScreening(manager: EntityManager, row: { id: string; applicationId: string; submissionId: string; input: ScreeningInput; settings: ScreeningSettings; settingsVersion: number; screening: Screening; at: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO screening (id, application_id, submission_id, rule_set_version, outcome, score_tenths, inputs, settings, results, score_factors, deciding_rules, screened_at, settings_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        row.id, row.applicationId, row.submissionId, row.screening.ruleSetVersion, row.screening.outcome, Math.round(row.screening.score.total * 10),
        JSON.stringify(row.input), JSON.stringify(row.settings), JSON.stringify(row.screening.results), JSON.stringify(row.screening.score.factors),
        row.screening.decidingRules, row.at, row.settingsVersion,
      ],
    );
  }

  async latestScreening(manager: EntityManager, applicationId: string): Promise<StoredScreening | null> {
    const rows = (await manager.query(
      `SELECT s.id, s.application_id AS "applicationId", s.rule_set_version AS "ruleSetVersion", s.outcome, s.score_tenths AS "scoreTenths",
              s.inputs, s.settings, s.settings_version AS "settingsVersion", s.results, s.score_factors AS "scoreFactors", s.deciding_rules AS "decidingRules", s.screened_at AS "screenedAt",
              r.requested_at AS "reexaminationRequestedAt"
         FROM screening s LEFT JOIN reexamination_request r ON r.screening_id = s.id
        WHERE s.application_id = $1 ORDER BY s.screened_at DESC, s.id LIMIT 1`,
      [applicationId],
    )) as (Omit<StoredScreening, 'score'> & { scoreTenths: number })[];
    if (rows.length === 0) return null;
    const { scoreTenths, ...rest } = rows[0];
    return { ...rest, score: scoreTenths / 10 };
  }

  /** Records the applicant's request for a person to re-examine a screening; false if one exists already. */
  async requestReexamination(manager: EntityManager, request: { id: string; applicationId: string; screeningId: string; reason: string; requestedBy: string; at: Date }): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO reexamination_request (id, application_id, screening_id, reason, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (screening_id) DO NOTHING RETURNING id`,
      [request.id, request.applicationId, request.screeningId, request.reason, request.requestedBy, request.at],
    )) as unknown[];
    return rows.length > 0;
  }
}
