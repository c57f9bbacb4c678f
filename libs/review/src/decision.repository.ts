import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';

export type DecisionOutcome = 'APPROVED' | 'DECLINED';

export interface StoredDecision {
  id: string;
  applicationId: string;
  recommendationId: string;
  approverAccountId: string;
  outcome: DecisionOutcome;
  amountCents: number | null;
  reasons: string | null;
  /** The client's Idempotency-Key (or one the server drew): the same request repeated answers the same decision. */
  requestKey: string;
  ledgerIdempotencyKey: string | null;
  decidedAt: Date;
  /** The version of the program's settings (the ceiling) the decision read. */
  settingsVersion: number;
}

const COLUMNS = `id, application_id AS "applicationId", recommendation_id AS "recommendationId", approver_account_id AS "approverAccountId", outcome,
  amount_cents AS "amountCents", reasons, request_key AS "requestKey", ledger_idempotency_key AS "ledgerIdempotencyKey", decided_at AS "decidedAt", settings_version AS "settingsVersion"`;

/** One decision per file, append-only. */
@Injectable()
export class DecisionRepository {
  async insert(manager: EntityManager, decision: StoredDecision): Promise<void> {
    await manager.query(
      `INSERT INTO decision (id, application_id, recommendation_id, approver_account_id, outcome, amount_cents, reasons, request_key, ledger_idempotency_key, decided_at, settings_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [decision.id, decision.applicationId, decision.recommendationId, decision.approverAccountId, decision.outcome, decision.amountCents, decision.reasons,
        decision.requestKey, decision.ledgerIdempotencyKey, decision.decidedAt, decision.settingsVersion],
    );
  }

  /**
   * What the enterprise that filed this application was already granted on its other files
   * (approved amounts), so one SME never passes the ceiling over several files. Read under the
   * file's row lock; rule E8 allows one active file per enterprise, so no two approvals of the
   * same enterprise race.
   */
  async approvedForSameEnterprise(manager: EntityManager, applicationId: string): Promise<number> {
    const rows = (await manager.query(
      `SELECT coalesce(sum(d.amount_cents), 0)::text AS total
         FROM decision d JOIN application a ON a.id = d.application_id
        WHERE d.outcome = 'APPROVED' AND d.application_id <> $1
          AND a.organization_id = (SELECT organization_id FROM application WHERE id = $1)`,
      [applicationId],
    )) as { total: string }[];
    return toCents(rows[0].total);
  }

  async find(manager: EntityManager, applicationId: string): Promise<StoredDecision | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM decision WHERE application_id = $1`, [applicationId])) as (StoredDecision & { amountCents: string | null })[];
    const row = rows[0];
    return row ? { ...row, amountCents: row.amountCents === null ? null : toCents(row.amountCents) } : null;
  }
}
