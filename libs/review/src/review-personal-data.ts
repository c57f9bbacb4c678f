import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the review context holds about a person (staff): their declarations, assignments, confirmations, reviews, recommendations and decisions. */
@Injectable()
export class ReviewPersonalData {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(accountId: string): Promise<Record<string, unknown[]>> {
    const query = (sql: string) => this.dataSource.query(sql, [accountId]) as Promise<unknown[]>;
    return {
      conflictDeclarations: await query('SELECT application_id AS "applicationId", kind, statement, declared_at AS "declaredAt" FROM review_declaration WHERE account_id = $1 ORDER BY id'),
      assignments: await query('SELECT application_id AS "applicationId", lead, assigned_at AS "assignedAt" FROM review_assignment WHERE reviewer_account_id = $1 ORDER BY id'),
      screeningConfirmations: await query('SELECT application_id AS "applicationId", automated_outcome AS "automatedOutcome", confirmed_outcome AS "confirmedOutcome", reason, confirmed_at AS "confirmedAt" FROM screening_confirmation WHERE reviewer_account_id = $1 ORDER BY confirmed_at'),
      reviews: await query('SELECT application_id AS "applicationId", scores, comments, total_tenths AS "totalTenths", submitted_at AS "submittedAt" FROM review WHERE reviewer_account_id = $1 ORDER BY submitted_at'),
      recommendations: await query('SELECT application_id AS "applicationId", kind, amount_cents::text AS "amountCents", reasons, signed_at AS "signedAt" FROM recommendation WHERE reviewer_account_id = $1 ORDER BY signed_at'),
      decisions: await query('SELECT application_id AS "applicationId", outcome, amount_cents::text AS "amountCents", reasons, decided_at AS "decidedAt" FROM decision WHERE approver_account_id = $1 ORDER BY decided_at'),
    };
  }
}
