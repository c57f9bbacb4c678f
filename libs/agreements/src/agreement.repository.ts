import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { AgreementMilestone, AgreementRecord, AgreementStatus, AgreementSummary, MilestoneReport, PaymentOrder, PaymentOrderStatus, Tranche, TrancheStatus } from './agreement.types';

const AGREEMENT = `SELECT id, application_id AS "applicationId", decision_id AS "decisionId", organization_id AS "organizationId", program_code AS "programCode",
  region_code AS "regionCode", sector_code AS "sectorCode", amount_cents AS "amountCents", original_amount_cents AS "originalAmountCents",
  tranche_bps AS "trancheBps", status, created_at AS "createdAt", accepted_at AS "acceptedAt", signed_at AS "signedAt", signed_by AS "signedBy", ended_at AS "endedAt"
  FROM agreement`;

const ORDER = `SELECT id, number::int AS number, agreement_id AS "agreementId", tranche_number AS "trancheNumber", amount_cents AS "amountCents", status,
  issued_at AS "issuedAt", issued_by AS "issuedBy", settled_at AS "settledAt", settlement_reference AS "settlementReference", return_reason AS "returnReason"
  FROM payment_order`;

/** Rows as pg returns them: bigint amounts come back as text. */
type Cents<T> = { [K in keyof T]: K extends `${string}Cents` ? number | string : T[K] };

const agreementOf = (row: Cents<AgreementRecord>): AgreementRecord => ({ ...row, amountCents: toCents(row.amountCents), originalAmountCents: toCents(row.originalAmountCents) });
const orderOf = (row: Cents<PaymentOrder>): PaymentOrder => ({ ...row, number: Number(row.number), trancheNumber: Number(row.trancheNumber), amountCents: toCents(row.amountCents) });

/** Every query of agreements, their tranches, milestones, reports and payment orders. */
@Injectable()
export class AgreementRepository {
  async insert(manager: EntityManager, agreement: AgreementRecord & { createdBy: string }, tranches: Tranche[], milestones: AgreementMilestone[]): Promise<void> {
    await manager.query(
      `INSERT INTO agreement (id, application_id, decision_id, organization_id, program_code, region_code, sector_code, amount_cents, original_amount_cents, tranche_bps, status, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [agreement.id, agreement.applicationId, agreement.decisionId, agreement.organizationId, agreement.programCode, agreement.regionCode, agreement.sectorCode,
        agreement.amountCents, agreement.originalAmountCents, agreement.trancheBps, agreement.status, agreement.createdAt, agreement.createdBy],
    );
    for (const milestone of milestones) {
      await manager.query('INSERT INTO agreement_milestone (agreement_id, number, title, due_on, final) VALUES ($1, $2, $3, $4, $5)', [agreement.id, milestone.number, milestone.title, milestone.dueOn, milestone.final]);
    }
    for (const tranche of tranches) {
      await manager.query('INSERT INTO agreement_tranche (agreement_id, number, amount_cents, milestone_number, status) VALUES ($1, $2, $3, $4, $5)', [agreement.id, tranche.number, tranche.amountCents, tranche.milestoneNumber, tranche.status]);
    }
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<AgreementRecord | null> {
    const rows = (await manager.query(`${AGREEMENT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as Cents<AgreementRecord>[];
    return rows[0] ? agreementOf(rows[0]) : null;
  }

  async findByApplication(manager: EntityManager, applicationId: string): Promise<AgreementRecord | null> {
    const rows = (await manager.query(`${AGREEMENT} WHERE application_id = $1`, [applicationId])) as Cents<AgreementRecord>[];
    return rows[0] ? agreementOf(rows[0]) : null;
  }

  /** Agreements with what a list shows of their file and enterprise, newest first (at most 500). */
  async list(manager: EntityManager, filter: { organizationIds?: string[]; status?: AgreementStatus }): Promise<AgreementSummary[]> {
    const rows = (await manager.query(
      `SELECT g.*, o.legal_name AS "organizationName", a.tracking_number AS "trackingNumber", a.title
         FROM (${AGREEMENT}) g JOIN organization o ON o.id = g."organizationId" JOIN application a ON a.id = g."applicationId"
        WHERE ($1::uuid[] IS NULL OR g."organizationId" = ANY($1)) AND ($2::text IS NULL OR g.status = $2) ORDER BY g."createdAt" DESC LIMIT 500`,
      [filter.organizationIds ?? null, filter.status ?? null],
    )) as (Cents<AgreementRecord> & Omit<AgreementSummary, keyof AgreementRecord>)[];
    return rows.map((row) => ({ ...agreementOf(row), organizationName: row.organizationName, trackingNumber: row.trackingNumber, title: row.title }));
  }

  async setStatus(manager: EntityManager, id: string, status: AgreementStatus, at: Date, by: string | null): Promise<void> {
    const column = { ACCEPTED: 'accepted', SIGNED: 'signed', COMPLETED: null, TERMINATED: null, OFFERED: null }[status];
    if (column) await manager.query(`UPDATE agreement SET status = $2, ${column}_at = $3, ${column}_by = $4 WHERE id = $1`, [id, status, at, by]);
    else await manager.query(`UPDATE agreement SET status = $2, ended_at = CASE WHEN $2 IN ('COMPLETED', 'TERMINATED') THEN $3::timestamptz ELSE ended_at END WHERE id = $1`, [id, status, at]);
  }

  async setAmount(manager: EntityManager, id: string, amountCents: number): Promise<void> {
    await manager.query('UPDATE agreement SET amount_cents = $2 WHERE id = $1', [id, amountCents]);
  }

  async tranches(manager: EntityManager, agreementId: string): Promise<Tranche[]> {
    const rows = (await manager.query(
      'SELECT number, amount_cents AS "amountCents", milestone_number AS "milestoneNumber", status FROM agreement_tranche WHERE agreement_id = $1 ORDER BY number',
      [agreementId],
    )) as Cents<Tranche>[];
    return rows.map((row) => ({ ...row, amountCents: toCents(row.amountCents) }));
  }

  async setTranche(manager: EntityManager, agreementId: string, number: number, changes: { status?: TrancheStatus; amountCents?: number }): Promise<void> {
    await manager.query(
      'UPDATE agreement_tranche SET status = COALESCE($3, status), amount_cents = COALESCE($4, amount_cents) WHERE agreement_id = $1 AND number = $2',
      [agreementId, number, changes.status ?? null, changes.amountCents ?? null],
    );
  }

  async milestones(manager: EntityManager, agreementId: string): Promise<AgreementMilestone[]> {
    return manager.query(`SELECT number, title, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", final FROM agreement_milestone WHERE agreement_id = $1 ORDER BY number`, [agreementId]) as Promise<AgreementMilestone[]>;
  }

  async insertReport(manager: EntityManager, agreementId: string, report: Omit<MilestoneReport, 'review'>): Promise<void> {
    await manager.query(
      `INSERT INTO milestone_report (id, agreement_id, milestone_number, progress, ai_jobs_to_date, private_spent_to_date_cents, evidence_attachment_ids, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [report.id, agreementId, report.milestoneNumber, report.progress, report.aiJobsToDate, report.privateSpentToDateCents, report.evidenceAttachmentIds, report.submittedAt, report.submittedBy],
    );
  }

  async insertReportReview(manager: EntityManager, reportId: string, review: NonNullable<MilestoneReport['review']>): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO milestone_report_review (report_id, outcome, comments, reviewer_account_id, reviewed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
      [reportId, review.outcome, review.comments, review.reviewerAccountId, review.reviewedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  async reports(manager: EntityManager, agreementId: string): Promise<MilestoneReport[]> {
    const rows = (await manager.query(
      `SELECT r.id, r.milestone_number AS "milestoneNumber", r.progress, r.ai_jobs_to_date AS "aiJobsToDate", r.private_spent_to_date_cents AS "privateSpentToDateCents",
              r.evidence_attachment_ids AS "evidenceAttachmentIds", r.submitted_at AS "submittedAt", r.submitted_by AS "submittedBy",
              v.outcome, v.comments, v.reviewer_account_id AS "reviewerAccountId", v.reviewed_at AS "reviewedAt"
         FROM milestone_report r LEFT JOIN milestone_report_review v ON v.report_id = r.id
        WHERE r.agreement_id = $1 ORDER BY r.submitted_at, r.id`,
      [agreementId],
    )) as (Cents<Omit<MilestoneReport, 'review'>> & { outcome: 'ACCEPTED' | 'RETURNED' | null; comments: string | null; reviewerAccountId: string | null; reviewedAt: Date | null })[];
    return rows.map(({ outcome, comments, reviewerAccountId, reviewedAt, ...report }) => ({
      ...report,
      privateSpentToDateCents: toCents(report.privateSpentToDateCents),
      review: outcome ? { outcome, comments, reviewerAccountId: reviewerAccountId as string, reviewedAt: reviewedAt as Date } : null,
    }));
  }

  async insertOrder(manager: EntityManager, order: Omit<PaymentOrder, 'number' | 'settledAt' | 'settlementReference' | 'returnReason'> & { disbursementKey: string; requestKey: string }): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO payment_order (id, agreement_id, tranche_number, amount_cents, status, issued_at, issued_by, disbursement_key, request_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING number::int AS number`,
      [order.id, order.agreementId, order.trancheNumber, order.amountCents, order.status, order.issuedAt, order.issuedBy, order.disbursementKey, order.requestKey],
    )) as { number: number }[];
    return rows[0].number;
  }

  async findOrder(manager: EntityManager, id: string, lock = false): Promise<PaymentOrder | null> {
    const rows = (await manager.query(`${ORDER} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as Cents<PaymentOrder>[];
    return rows[0] ? orderOf(rows[0]) : null;
  }

  async orders(manager: EntityManager, filter: { agreementId?: string; status?: PaymentOrderStatus }): Promise<PaymentOrder[]> {
    const rows = (await manager.query(
      `${ORDER} WHERE ($1::uuid IS NULL OR agreement_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY number LIMIT 5000`,
      [filter.agreementId ?? null, filter.status ?? null],
    )) as Cents<PaymentOrder>[];
    return rows.map(orderOf);
  }

  async settleOrder(manager: EntityManager, id: string, settlement: { status: 'PAID' | 'RETURNED'; at: Date; by: string; reference: string | null; returnReason: string | null; reversalKey: string | null }): Promise<void> {
    await manager.query(
      'UPDATE payment_order SET status = $2, settled_at = $3, settled_by = $4, settlement_reference = $5, return_reason = $6, reversal_key = $7 WHERE id = $1',
      [id, settlement.status, settlement.at, settlement.by, settlement.reference, settlement.returnReason, settlement.reversalKey],
    );
  }

  async insertAmendment(manager: EntityManager, amendment: { id: string; agreementId: string; kind: 'REDUCTION' | 'TERMINATION'; previousAmountCents: number; newAmountCents: number; releasedCents: number; receivableCents: number; reason: string; requestKey: string; by: string; at: Date }): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO agreement_amendment (id, agreement_id, kind, previous_amount_cents, new_amount_cents, released_cents, receivable_cents, reason, request_key, amended_by, amended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (agreement_id, request_key) DO NOTHING RETURNING id`,
      [amendment.id, amendment.agreementId, amendment.kind, amendment.previousAmountCents, amendment.newAmountCents, amendment.releasedCents, amendment.receivableCents, amendment.reason, amendment.requestKey, amendment.by, amendment.at],
    )) as unknown[];
    return rows.length > 0;
  }

  async settings(manager: EntityManager, programCode: string): Promise<{ trancheBps: number[]; reminderDaysBefore: number }> {
    const rows = (await manager.query('SELECT tranche_bps AS "trancheBps", reminder_days_before AS "reminderDaysBefore" FROM agreement_settings WHERE program_code = $1', [programCode])) as { trancheBps: number[]; reminderDaysBefore: number }[];
    return rows[0] ?? { trancheBps: [4000, 4000, 2000], reminderDaysBefore: 14 };
  }
}
