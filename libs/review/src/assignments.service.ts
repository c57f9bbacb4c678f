import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail, OrganizationsService } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { QUEUE_STATES } from './review-states';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { ReviewError, ReviewErrorCode } from './review.error';

export interface Assignment {
  reviewerAccountId: string;
  reviewerName: string;
  lead: boolean;
  assignedByAccountId: string;
  assignedAt: Date;
}

/**
 * Who works on a file. A reviewer takes a file for themselves; the first to take it leads its
 * review and may assign other reviewers to it. Assignments are append-only; an assigned
 * reviewer still declares their conflicts before the file opens.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly accounts: AccountsService,
    private readonly organizations: OrganizationsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Assigns `reviewerAccountId` (the caller when null) to the file. */
  async assign(caller: IntakeCaller, applicationId: string, reviewerAccountId: string | null): Promise<Assignment[]> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    const reviewerId = reviewerAccountId ?? caller.account.id;
    const reviewer = reviewerId === caller.account.id ? caller.account : await this.accounts.findById(reviewerId);
    if (!reviewer || reviewer.role !== 'REVIEWER' || reviewer.status !== 'ACTIVE') {
      throw new ReviewError(ReviewErrorCode.ASSIGNMENT_NOT_ALLOWED, 'Files are assigned to active reviewers only.', { reviewerAccountId: reviewerId });
    }
    if ((await this.conflicts.everRecused(reviewerId, application.id)) || (await this.organizations.isMember(reviewerId, application.organizationId))) {
      throw new ReviewError(ReviewErrorCode.ASSIGNMENT_NOT_ALLOWED, 'This reviewer recused themselves from the file, or belongs to the organization that filed it.', { reviewerAccountId: reviewerId });
    }
    await runInTransaction(this.dataSource, async (manager) => {
      const locked = await this.applications.locked(manager, application.id);
      if (!QUEUE_STATES.includes(locked.status)) {
        throw new ReviewError(ReviewErrorCode.ASSIGNMENT_NOT_ALLOWED, 'Only files submitted and not yet decided or withdrawn are assigned.', { status: locked.status });
      }
      const current = await this.list(manager, application.id);
      const lead = current.find((assignment) => assignment.lead);
      if (reviewerId !== caller.account.id && lead?.reviewerAccountId !== caller.account.id) {
        throw new ReviewError(ReviewErrorCode.ASSIGNMENT_NOT_ALLOWED, 'Only the reviewer who leads this file assigns others to it; take it for yourself instead.');
      }
      if (current.some((assignment) => assignment.reviewerAccountId === reviewerId)) {
        throw new ReviewError(ReviewErrorCode.ALREADY_ASSIGNED, 'This reviewer is already assigned to the file.');
      }
      await manager.query(
        'INSERT INTO review_assignment (application_id, reviewer_account_id, assigned_by_account_id, lead, assigned_at) VALUES ($1, $2, $3, $4, $5)',
        [application.id, reviewerId, caller.account.id, !lead, this.clock.now()],
      );
      await this.audit.recordBy(manager, caller, 'review.assigned', { type: 'application', id: application.id }, { reviewerAccountId: reviewerId, lead: !lead });
    });
    return this.list(this.dataSource.manager, application.id);
  }

  async assignments(caller: IntakeCaller, applicationId: string): Promise<Assignment[]> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    return this.list(this.dataSource.manager, application.id);
  }

  /** Every file the account is assigned to, or every file anyone is assigned to (the queue's filters). */
  async assignedApplicationIds(accountId: string | null): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT DISTINCT application_id AS id FROM review_assignment WHERE $1::uuid IS NULL OR reviewer_account_id = $1', [accountId])) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** The files each of these accounts is assigned to, for the queue. */
  async assignedFiles(applicationIds: string[]): Promise<Map<string, Assignment[]>> {
    const rows = applicationIds.length === 0 ? [] : ((await this.dataSource.query(`${SELECT} WHERE a.application_id = ANY($1) ORDER BY a.id`, [applicationIds])) as (Assignment & { applicationId: string })[]);
    const byFile = new Map<string, Assignment[]>();
    for (const { applicationId, ...assignment } of rows) byFile.set(applicationId, [...(byFile.get(applicationId) ?? []), assignment]);
    return byFile;
  }

  private list(manager: DataSource['manager'], applicationId: string): Promise<Assignment[]> {
    return manager.query(`${SELECT} WHERE a.application_id = $1 ORDER BY a.id`, [applicationId]) as Promise<Assignment[]>;
  }
}

const SELECT = `SELECT a.application_id AS "applicationId", a.reviewer_account_id AS "reviewerAccountId", r.display_name AS "reviewerName", a.lead,
                       a.assigned_by_account_id AS "assignedByAccountId", a.assigned_at AS "assignedAt"
                  FROM review_assignment a JOIN account r ON r.id = a.reviewer_account_id`;
