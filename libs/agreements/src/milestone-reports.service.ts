import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, ValidationFailedError, isCents, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail } from '@fa/identity';
import { AttachmentsService, IntakeCaller, MILESTONE_EVIDENCE } from '@fa/intake';
import { Outbox } from '@fa/notifications';
import { AgreementAccess } from './agreement-access';
import { AgreementRepository } from './agreement.repository';
import { MilestoneReport } from './agreement.types';
import { AgreementError, AgreementErrorCode } from './agreements.error';

export interface MilestoneReportInput {
  milestoneNumber: number;
  progress: string;
  aiJobsToDate: number;
  /** Cumulative private money spent on the project so far, in cents. */
  privateSpentToDateCents: number;
  evidenceAttachmentIds: string[];
}


/** 10 G$ of private spending: far above any project, within a safe integer of cents (the database's CHECK too). */
export const MAX_REPORTED_CENTS = 1_000_000_000_000;

/**
 * Milestone reports (fund-rules.md §7): the enterprise reports progress, AI jobs created and
 * private money spent to date, with evidence; a reviewer accepts the report — which makes the
 * milestone's tranche releasable — or returns it with comments, and the enterprise reports again.
 */
@Injectable()
export class MilestoneReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly attachments: AttachmentsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async submit(caller: IntakeCaller, agreementId: string, input: MilestoneReportInput): Promise<MilestoneReport> {
    const { agreement } = await this.access.visible(caller, agreementId);
    if (!isCents(input.privateSpentToDateCents) || input.privateSpentToDateCents < 0 || input.privateSpentToDateCents > MAX_REPORTED_CENTS) {
      throw new ValidationFailedError([{ field: 'privateSpentToDateCents', problems: [`a whole number of cents from 0 to ${MAX_REPORTED_CENTS}`] }]);
    }
    const evidence = new Set((await this.attachments.list(caller, agreement.applicationId)).filter((file) => file.category === MILESTONE_EVIDENCE).map((file) => file.id));
    const unknown = input.evidenceAttachmentIds.filter((id) => !evidence.has(id));
    if (unknown.length > 0) throw new AgreementError(AgreementErrorCode.EVIDENCE_NOT_FOUND, 'Evidence must be files uploaded as milestone evidence on this agreement.', { attachmentIds: unknown });
    const report: Omit<MilestoneReport, 'review'> = { id: randomUUID(), ...input, submittedAt: this.clock.now(), submittedBy: caller.account.id };
    await runInTransaction(this.dataSource, async (manager) => {
      const locked = await this.access.lock(manager, agreementId);
      if (locked.status !== 'SIGNED') throw AgreementError.state(locked.status, 'reported on');
      if (!(await this.agreements.milestones(manager, locked.id)).some((milestone) => milestone.number === input.milestoneNumber)) {
        throw new AgreementError(AgreementErrorCode.REPORT_NOT_FOUND, 'This agreement has no such milestone.', { milestoneNumber: input.milestoneNumber });
      }
      const all = await this.agreements.reports(manager, locked.id);
      // Milestones are reported in order: the holdback is not paid before the mid-term tranche's report.
      const accepted = new Set(all.filter((other) => other.review?.outcome === 'ACCEPTED').map((other) => other.milestoneNumber));
      const waitingFor = Array.from({ length: input.milestoneNumber - 1 }, (_, index) => index + 1).filter((number) => !accepted.has(number));
      if (waitingFor.length > 0) throw new AgreementError(AgreementErrorCode.EARLIER_MILESTONE_NOT_ACCEPTED, 'The reports of the earlier milestones must be accepted first.', { waitingFor });
      const earlier = all.filter((other) => other.milestoneNumber === input.milestoneNumber);
      if (earlier.some((other) => other.review?.outcome === 'ACCEPTED')) throw new AgreementError(AgreementErrorCode.MILESTONE_ALREADY_ACCEPTED, 'The report of this milestone was already accepted.');
      if (earlier.some((other) => other.review === null)) throw new AgreementError(AgreementErrorCode.REPORT_PENDING, 'A report of this milestone awaits its review.');
      await this.agreements.insertReport(manager, locked.id, report);
      await this.audit.recordBy(manager, caller, 'agreement.report_submitted', { type: 'application', id: locked.applicationId }, {
        agreementId: locked.id, reportId: report.id, milestoneNumber: report.milestoneNumber, privateSpentToDateCents: report.privateSpentToDateCents, aiJobsToDate: report.aiJobsToDate,
      });
    });
    return { ...report, review: null };
  }

  /** A reviewer accepts the report (its milestone's tranche becomes releasable) or returns it with comments. */
  async review(caller: IntakeCaller, agreementId: string, reportId: string, outcome: 'ACCEPTED' | 'RETURNED', comments: string | null): Promise<MilestoneReport> {
    const { agreement, application } = await this.access.visible(caller, agreementId);
    const submitterReports = await this.agreements.reports(this.dataSource.manager, agreement.id);
    const target = submitterReports.find((report) => report.id === reportId);
    if (!target) throw new AgreementError(AgreementErrorCode.REPORT_NOT_FOUND, 'No such report on this agreement.');
    const submitter = await this.accounts.findById(target.submittedBy);
    const review = { outcome, comments, reviewerAccountId: caller.account.id, reviewedAt: this.clock.now() };
    await runInTransaction(this.dataSource, async (manager) => {
      const locked = await this.access.lock(manager, agreementId);
      if (locked.status !== 'SIGNED') throw AgreementError.state(locked.status, 'reviewed');
      if (!(await this.agreements.insertReportReview(manager, target.id, review))) throw new AgreementError(AgreementErrorCode.REPORT_ALREADY_REVIEWED, 'This report was already reviewed.');
      if (outcome === 'ACCEPTED') {
        for (const tranche of await this.agreements.tranches(manager, locked.id)) {
          if (tranche.milestoneNumber === target.milestoneNumber && tranche.status === 'PENDING') await this.agreements.setTranche(manager, locked.id, tranche.number, { status: 'RELEASABLE' });
        }
      }
      await this.audit.recordBy(manager, caller, outcome === 'ACCEPTED' ? 'agreement.report_accepted' : 'agreement.report_returned', { type: 'application', id: locked.applicationId }, { agreementId: locked.id, reportId: target.id });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'milestone-report-reviewed',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: { trackingNumber: application.trackingNumber, title: application.title, milestoneNumber: target.milestoneNumber, outcome, comments, agreementUrl: `${this.config.PUBLIC_URL}/agreements/${locked.id}` },
        });
      }
    });
    return { ...target, review };
  }
}
