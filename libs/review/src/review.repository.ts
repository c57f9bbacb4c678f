import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Criterion } from './review-grid';

export interface StoredReview {
  id: string;
  reviewerAccountId: string;
  scores: Record<string, number>;
  comments: Record<string, string>;
  totalTenths: number;
  submittedAt: Date;
}

export interface ReviewSettings {
  criteria: Criterion[];
  divergencePoints: number;
  approvalThresholdPoints: number;
}

/** What an account has done on a file that bars it from deciding on it (four eyes). */
export interface Participation {
  reviewed: boolean;
  confirmedScreening: boolean;
  recommended: boolean;
  everRecused: boolean;
}

/** Every query of the review grid, the reviews and who took part in them. */
@Injectable()
export class ReviewRepository {
  async settings(manager: EntityManager, programCode: string): Promise<ReviewSettings> {
    const criteria = (await manager.query(
      'SELECT code, label_fr AS "labelFr", label_en AS "labelEn", weight FROM review_criterion WHERE program_code = $1 ORDER BY position',
      [programCode],
    )) as Criterion[];
    const settings = (await manager.query(
      'SELECT divergence_points AS "divergencePoints", approval_threshold_points AS "approvalThresholdPoints" FROM review_settings WHERE program_code = $1',
      [programCode],
    )) as { divergencePoints: number; approvalThresholdPoints: number }[];
    return { criteria, divergencePoints: settings[0]?.divergencePoints ?? 20, approvalThresholdPoints: settings[0]?.approvalThresholdPoints ?? 60 };
  }

  /** Inserts a review of one submission of the file; false when this reviewer already reviewed it. */
  async insert(manager: EntityManager, review: StoredReview & { applicationId: string; submissionSequence: number; criteria: Criterion[] }): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO review (id, application_id, submission_sequence, reviewer_account_id, scores, comments, criteria, total_tenths, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (application_id, submission_sequence, reviewer_account_id) DO NOTHING RETURNING id`,
      [review.id, review.applicationId, review.submissionSequence, review.reviewerAccountId, JSON.stringify(review.scores), JSON.stringify(review.comments), JSON.stringify(review.criteria), review.totalTenths, review.submittedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The reviews of one submission of the file, oldest first (the first two decide whether a third is needed). */
  list(manager: EntityManager, applicationId: string, submissionSequence: number): Promise<StoredReview[]> {
    return manager.query(
      `SELECT id, reviewer_account_id AS "reviewerAccountId", scores, comments, total_tenths AS "totalTenths", submitted_at AS "submittedAt"
         FROM review WHERE application_id = $1 AND submission_sequence = $2 ORDER BY submitted_at, id`,
      [applicationId, submissionSequence],
    ) as Promise<StoredReview[]>;
  }

  /** The outcome a person confirmed for the file's latest screening, if any. */
  async confirmedOutcome(manager: EntityManager, applicationId: string): Promise<'ELIGIBLE' | 'INELIGIBLE' | null> {
    const rows = (await manager.query('SELECT confirmed_outcome AS outcome FROM screening_confirmation WHERE application_id = $1 ORDER BY confirmed_at DESC, id LIMIT 1', [applicationId])) as { outcome: 'ELIGIBLE' | 'INELIGIBLE' }[];
    return rows[0]?.outcome ?? null;
  }

  async participation(manager: EntityManager, applicationId: string, accountId: string): Promise<Participation> {
    const rows = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM review WHERE application_id = $1 AND reviewer_account_id = $2) AS reviewed,
              EXISTS (SELECT 1 FROM screening_confirmation WHERE application_id = $1 AND reviewer_account_id = $2) AS "confirmedScreening",
              EXISTS (SELECT 1 FROM recommendation WHERE application_id = $1 AND reviewer_account_id = $2) AS recommended,
              EXISTS (SELECT 1 FROM review_declaration WHERE application_id = $1 AND account_id = $2 AND kind = 'RECUSED') AS "everRecused"`,
      [applicationId, accountId],
    )) as Participation[];
    return rows[0];
  }
}
