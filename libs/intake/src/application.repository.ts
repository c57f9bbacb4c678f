import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { ApplicationState } from './application-state';
import { ApplicationContent, ApplicationEvent, ApplicationPatch, ApplicationRecord, CoInvestmentSource, Milestone, QueueFilter, QueueItem } from './application.types';

/** Column of each scalar field of the content; lists live in their own tables. */
const CONTENT_COLUMNS: Partial<Record<keyof ApplicationContent, string>> = {
  title: 'title',
  description: 'description',
  sectorCode: 'sector_code',
  useCaseCode: 'use_case_code',
  aiApproach: 'ai_approach',
  dataAvailable: 'data_available',
  dataDescription: 'data_description',
  mlStaffInPlace: 'ml_staff_in_place',
  researchPartners: 'research_partners',
  totalProjectCostCents: 'total_project_cost_cents',
  amountRequestedCents: 'amount_requested_cents',
  otherPublicFundingCents: 'other_public_funding_cents',
  aiJobsPlanned: 'ai_jobs_planned',
  declaresAccuracy: 'declares_accuracy',
  consentsToProcessing: 'consents_to_processing',
  acknowledgesAutomatedScreening: 'acknowledges_automated_screening',
};

const SELECT_APPLICATION = `
  SELECT id, program_code, organization_id, tracking_number, status, title, description, sector_code, use_case_code,
         ai_approach, data_available, data_description, ml_staff_in_place, research_partners, total_project_cost_cents,
         amount_requested_cents, other_public_funding_cents, ai_jobs_planned, declares_accuracy, consents_to_processing,
         acknowledges_automated_screening, revision, created_at, updated_at, submitted_at
    FROM application`;

type Row = Record<string, unknown>;

const cents = (value: unknown): number | null => (value === null ? null : toCents(value as string));

function toRecord(row: Row, coInvestments: CoInvestmentSource[], milestones: Milestone[]): ApplicationRecord {
  return {
    id: row.id as string,
    programCode: row.program_code as string,
    organizationId: row.organization_id as string,
    trackingNumber: row.tracking_number as string | null,
    status: row.status as ApplicationState,
    title: row.title as string | null,
    description: row.description as string | null,
    sectorCode: row.sector_code as string | null,
    useCaseCode: row.use_case_code as string | null,
    aiApproach: row.ai_approach as string | null,
    dataAvailable: row.data_available as boolean | null,
    dataDescription: row.data_description as string | null,
    mlStaffInPlace: row.ml_staff_in_place as boolean | null,
    researchPartners: row.research_partners as string[],
    totalProjectCostCents: cents(row.total_project_cost_cents),
    amountRequestedCents: cents(row.amount_requested_cents),
    otherPublicFundingCents: cents(row.other_public_funding_cents),
    aiJobsPlanned: row.ai_jobs_planned as number | null,
    declaresAccuracy: row.declares_accuracy as boolean,
    consentsToProcessing: row.consents_to_processing as boolean,
    acknowledgesAutomatedScreening: row.acknowledges_automated_screening as boolean,
    coInvestments,
    milestones,
    revision: row.revision as number,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    submittedAt: row.submitted_at as Date | null,
  };
}

/** Every query on applications, their budget lines, milestones and timeline. */
@Injectable()
export class ApplicationRepository {
  async insertDraft(manager: EntityManager, draft: { id: string; programCode: string; organizationId: string; createdBy: string; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO application (id, program_code, organization_id, status, created_by, created_at, updated_at) VALUES ($1, $2, $3, 'DRAFT', $4, $5, $5)`,
      [draft.id, draft.programCode, draft.organizationId, draft.createdBy, draft.now],
    );
  }

  /** One application with its lists; `lock` takes the row lock that serializes changes to it. */
  async find(manager: EntityManager, id: string, lock = false): Promise<ApplicationRecord | null> {
    const rows = (await manager.query(`${SELECT_APPLICATION} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as Row[];
    if (rows.length === 0) return null;
    const [coInvestments, milestones] = [await this.coInvestments(manager, id), await this.milestones(manager, id)];
    return toRecord(rows[0], coInvestments, milestones);
  }

  /** Applications of some organizations (an applicant's), or of all (staff), newest first, without their lists. */
  async list(manager: EntityManager, organizationIds: string[] | 'ALL'): Promise<ApplicationRecord[]> {
    const rows = (organizationIds === 'ALL'
      ? await manager.query(`${SELECT_APPLICATION} ORDER BY created_at DESC LIMIT 500`)
      : await manager.query(`${SELECT_APPLICATION} WHERE organization_id = ANY($1) ORDER BY created_at DESC`, [organizationIds])) as Row[];
    return rows.map((row) => toRecord(row, [], []));
  }

  async updateContent(manager: EntityManager, id: string, patch: ApplicationPatch, now: Date): Promise<void> {
    const assignments: string[] = [];
    const values: unknown[] = [id, now];
    for (const [field, column] of Object.entries(CONTENT_COLUMNS)) {
      const value = patch[field as keyof ApplicationContent];
      if (value === undefined) continue;
      values.push(value);
      assignments.push(`${column} = $${values.length}`);
    }
    await manager.query(`UPDATE application SET ${[...assignments, 'updated_at = $2', 'revision = revision + 1'].join(', ')} WHERE id = $1`, values);
    if (patch.coInvestments) await this.replaceCoInvestments(manager, id, patch.coInvestments);
    if (patch.milestones) await this.replaceMilestones(manager, id, patch.milestones);
  }

  async setStatus(manager: EntityManager, id: string, status: ApplicationState, now: Date, submission?: { trackingNumber: string }): Promise<void> {
    await manager.query(
      `UPDATE application SET status = $2, updated_at = $3,
              tracking_number = COALESCE(tracking_number, $4), submitted_at = CASE WHEN $4::text IS NULL THEN submitted_at ELSE $3 END
        WHERE id = $1`,
      [id, status, now, submission?.trackingNumber ?? null],
    );
  }

  async recordEvent(manager: EntityManager, event: { applicationId: string; from: ApplicationState | null; to: ApplicationState; actorAccountId: string | null; reason?: string | null; at: Date }): Promise<void> {
    await manager.query(
      'INSERT INTO application_event (application_id, occurred_at, from_status, to_status, actor_account_id, reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [event.applicationId, event.at, event.from, event.to, event.actorAccountId, event.reason ?? null],
    );
  }

  async timeline(manager: EntityManager, id: string): Promise<ApplicationEvent[]> {
    const rows = (await manager.query(
      `SELECT 'STATE_CHANGE' AS kind, occurred_at AS "occurredAt", from_status AS "fromStatus", to_status AS "toStatus", reason, id AS sequence
         FROM application_event WHERE application_id = $1
       UNION ALL
       SELECT 'REEXAMINATION_REQUESTED', requested_at, NULL, NULL, reason, NULL
         FROM reexamination_request WHERE application_id = $1
       ORDER BY "occurredAt", sequence NULLS LAST`,
      [id],
    )) as (ApplicationEvent & { sequence: string | null })[];
    return rows.map(({ sequence: _sequence, ...event }) => event);
  }

  /**
   * Locks every application of the organization, in id order so concurrent submissions of
   * one enterprise queue instead of deadlocking; rule E8 then counts without a race.
   */
  async lockAllOfOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query('SELECT id FROM application WHERE organization_id = $1 ORDER BY id FOR UPDATE', [organizationId]);
  }

  async countOtherActive(manager: EntityManager, organizationId: string, exceptId: string, activeStates: readonly string[]): Promise<number> {
    const rows = (await manager.query(
      'SELECT count(*)::int AS n FROM application WHERE organization_id = $1 AND id <> $2 AND status = ANY($3)',
      [organizationId, exceptId, activeStates],
    )) as { n: number }[];
    return rows[0].n;
  }

  /** What the intake holds that a person did: files started, uploads, submissions, re-examination requests. */
  async personalDataOf(manager: EntityManager, accountId: string): Promise<Record<string, unknown[]>> {
    const query = (sql: string) => manager.query(sql, [accountId]) as Promise<unknown[]>;
    return {
      applicationsStarted: await query(`SELECT id, tracking_number AS "trackingNumber", title, status, created_at AS "createdAt" FROM application WHERE created_by = $1 ORDER BY created_at`),
      submissions: await query(`SELECT application_id AS "applicationId", sequence, submitted_at AS "submittedAt" FROM application_submission WHERE submitted_by = $1 ORDER BY submitted_at`),
      attachmentsUploaded: await query(`SELECT application_id AS "applicationId", original_name AS "originalName", size_bytes AS "sizeBytes", uploaded_at AS "uploadedAt" FROM application_attachment WHERE uploaded_by = $1 ORDER BY uploaded_at`),
      reexaminationRequests: await query(`SELECT application_id AS "applicationId", reason, requested_at AS "requestedAt" FROM reexamination_request WHERE requested_by = $1 ORDER BY requested_at`),
    };
  }

  /** The file's latest submission (its sequence) and the region its latest screening used. */
  async submissionFacts(manager: EntityManager, id: string): Promise<SubmissionFacts> {
    const rows = (await manager.query(
      `SELECT (SELECT max(sequence) FROM application_submission WHERE application_id = $1) AS "sequence",
              (SELECT inputs->>'regionCode' FROM screening WHERE application_id = $1 ORDER BY screened_at DESC LIMIT 1) AS "regionCode"`,
      [id],
    )) as { sequence: number | null; regionCode: string | null }[];
    return { submissionSequence: rows[0]?.sequence ?? 0, regionCode: rows[0]?.regionCode ?? null };
  }

  /** Submitted files for reviewers, with their latest screening, filtered and sorted. */
  async queue(manager: EntityManager, filter: QueueFilter): Promise<QueueItem[]> {
    const order = filter.sort === 'score' ? 's.score_tenths DESC NULLS LAST, a.submitted_at ASC, a.id' : 'a.submitted_at ASC NULLS LAST, a.id';
    const rows = (await manager.query(
      `SELECT a.id, a.tracking_number AS "trackingNumber", a.status, a.title, a.amount_requested_cents AS "amountRequestedCents",
              a.sector_code AS "sectorCode", s.inputs->>'regionCode' AS "regionCode", s.outcome AS "screeningOutcome",
              s.score_tenths AS "scoreTenths", a.submitted_at AS "submittedAt"
         FROM application a
         LEFT JOIN LATERAL (SELECT outcome, score_tenths, inputs FROM screening WHERE application_id = a.id ORDER BY screened_at DESC LIMIT 1) s ON true
        WHERE a.status = ANY($1)
          AND ($2::text IS NULL OR s.inputs->>'regionCode' = $2)
          AND ($3::text IS NULL OR a.sector_code = $3)
          AND ($4::text IS NULL OR s.outcome = $4)
          AND ($6::uuid[] IS NULL OR a.id = ANY($6))
          AND ($7::uuid[] IS NULL OR NOT (a.id = ANY($7)))
        ORDER BY ${order} LIMIT $5`,
      [filter.statuses, filter.regionCode ?? null, filter.sectorCode ?? null, filter.outcome ?? null, filter.limit, filter.onlyIds ?? null, filter.exceptIds ?? null],
    )) as (Omit<QueueItem, 'priorityScore' | 'amountRequestedCents'> & { scoreTenths: number | null; amountRequestedCents: string | null })[];
    return rows.map(({ scoreTenths, amountRequestedCents, ...row }) => ({
      ...row,
      amountRequestedCents: amountRequestedCents === null ? null : toCents(amountRequestedCents),
      priorityScore: scoreTenths === null ? null : scoreTenths / 10,
    }));
  }

  async lastSubmitter(manager: EntityManager, id: string): Promise<string | null> {
    const rows = (await manager.query('SELECT submitted_by FROM application_submission WHERE application_id = $1 ORDER BY sequence DESC LIMIT 1', [id])) as { submitted_by: string }[];
    return rows[0]?.submitted_by ?? null;
  }

  async nextTrackingNumber(manager: EntityManager, programCode: string): Promise<string> {
    const rows = (await manager.query(`SELECT nextval('application_tracking_seq')::text AS n`)) as { n: string }[];
    return `${programCode}-${rows[0].n.padStart(6, '0')}`;
  }

  private async coInvestments(manager: EntityManager, id: string): Promise<CoInvestmentSource[]> {
    const rows = (await manager.query(
      `SELECT source_name, source_type, amount_cents, evidence_attachment_id FROM application_co_investment WHERE application_id = $1 ORDER BY position`,
      [id],
    )) as Row[];
    return rows.map((row) => ({
      sourceName: row.source_name as string,
      sourceType: row.source_type as CoInvestmentSource['sourceType'],
      amountCents: toCents(row.amount_cents as string),
      evidenceAttachmentId: row.evidence_attachment_id as string | null,
    }));
  }

  private async milestones(manager: EntityManager, id: string): Promise<Milestone[]> {
    return (await manager.query(
      `SELECT title, due_on::text AS "dueOn" FROM application_milestone WHERE application_id = $1 ORDER BY position`,
      [id],
    )) as Milestone[];
  }

  private async replaceCoInvestments(manager: EntityManager, id: string, sources: CoInvestmentSource[]): Promise<void> {
    await manager.query('DELETE FROM application_co_investment WHERE application_id = $1', [id]);
    for (const [index, source] of sources.entries()) {
      await manager.query(
        'INSERT INTO application_co_investment (application_id, position, source_name, source_type, amount_cents, evidence_attachment_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, index + 1, source.sourceName, source.sourceType, source.amountCents, source.evidenceAttachmentId],
      );
    }
  }

  private async replaceMilestones(manager: EntityManager, id: string, milestones: Milestone[]): Promise<void> {
    await manager.query('DELETE FROM application_milestone WHERE application_id = $1', [id]);
    for (const [index, milestone] of milestones.entries()) {
      await manager.query('INSERT INTO application_milestone (application_id, position, title, due_on) VALUES ($1, $2, $3, $4)', [id, index + 1, milestone.title, milestone.dueOn]);
    }
  }
}

export interface SubmissionFacts {
  /** 1 for the first submission, 2 after a resubmission…; 0 for a draft never submitted. */
  submissionSequence: number;
  regionCode: string | null;
}
