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

/** Every query of the review grid and the reviews. */
@Injectable()
export class ReviewRepository {
  async grid(manager: EntityManager, programCode: string): Promise<{ criteria: Criterion[]; divergencePoints: number }> {
    const criteria = (await manager.query(
      'SELECT code, label_fr AS "labelFr", label_en AS "labelEn", weight FROM review_criterion WHERE program_code = $1 ORDER BY position',
      [programCode],
    )) as Criterion[];
    const settings = (await manager.query('SELECT divergence_points AS "divergencePoints" FROM review_settings WHERE program_code = $1', [programCode])) as { divergencePoints: number }[];
    return { criteria, divergencePoints: settings[0]?.divergencePoints ?? 20 };
  }

  /** Inserts a review; false when this reviewer already reviewed the file. */
  async insert(manager: EntityManager, review: StoredReview & { applicationId: string; criteria: Criterion[] }): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO review (id, application_id, reviewer_account_id, scores, comments, criteria, total_tenths, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id, reviewer_account_id) DO NOTHING RETURNING id`,
      [review.id, review.applicationId, review.reviewerAccountId, JSON.stringify(review.scores), JSON.stringify(review.comments), JSON.stringify(review.criteria), review.totalTenths, review.submittedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  list(manager: EntityManager, applicationId: string): Promise<StoredReview[]> {
    return manager.query(
      `SELECT id, reviewer_account_id AS "reviewerAccountId", scores, comments, total_tenths AS "totalTenths", submitted_at AS "submittedAt"
         FROM review WHERE application_id = $1 ORDER BY submitted_at, id`,
      [applicationId],
    ) as Promise<StoredReview[]>;
  }
}
