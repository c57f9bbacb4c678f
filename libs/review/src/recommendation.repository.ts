import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { RecommendationKind } from './review-grid';

export interface StoredRecommendation {
  id: string;
  applicationId: string;
  submissionSequence: number;
  reviewerAccountId: string;
  kind: RecommendationKind;
  computedKind: RecommendationKind;
  amountCents: number | null;
  reasons: string;
  meanTenths: number;
  reviewIds: string[];
  signedAt: Date;
}

const COLUMNS = `id, application_id AS "applicationId", submission_sequence AS "submissionSequence", reviewer_account_id AS "reviewerAccountId",
  kind, computed_kind AS "computedKind", amount_cents AS "amountCents", reasons, mean_tenths AS "meanTenths", review_ids AS "reviewIds", signed_at AS "signedAt"`;

/** Signed recommendations, append-only: a file sent back into review gets a new one, the latest counts. */
@Injectable()
export class RecommendationRepository {
  async insert(manager: EntityManager, recommendation: StoredRecommendation): Promise<void> {
    await manager.query(
      `INSERT INTO recommendation (id, application_id, submission_sequence, reviewer_account_id, kind, computed_kind, amount_cents, reasons, mean_tenths, review_ids, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [recommendation.id, recommendation.applicationId, recommendation.submissionSequence, recommendation.reviewerAccountId, recommendation.kind, recommendation.computedKind,
        recommendation.amountCents, recommendation.reasons, recommendation.meanTenths, recommendation.reviewIds, recommendation.signedAt],
    );
  }

  async latest(manager: EntityManager, applicationId: string): Promise<StoredRecommendation | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM recommendation WHERE application_id = $1 ORDER BY signed_at DESC, id LIMIT 1`, [applicationId])) as (StoredRecommendation & { amountCents: string | null })[];
    const row = rows[0];
    return row ? { ...row, amountCents: row.amountCents === null ? null : toCents(row.amountCents) } : null;
  }
}
