import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail, OrganizationsService } from '@fa/identity';
import { ApplicationRecord, ApplicationsService, IntakeCaller, IntakeError } from '@fa/intake';
import { Outbox } from '@fa/notifications';
import { ConflictDeclarationsService, DecisionsService } from '@fa/review';
import { AgreementAccess } from './agreement-access';
import { AgreementRepository } from './agreement.repository';
import { AgreementMilestone, AgreementRecord, AgreementStatus, AgreementSummary, AgreementView, Tranche } from './agreement.types';
import { AgreementError, AgreementErrorCode } from './agreements.error';
import { trancheAmounts } from './tranche-schedule';

/**
 * Agreements (fund-rules.md §7): made by an approver from an approval — the parties, the amount
 * approved, the standard conditions, the tranche schedule of the settings and the milestones of
 * the file — then accepted by the enterprise and signed by an approver, at which point the file
 * is AGREEMENT_SIGNED and the first tranche becomes releasable.
 */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: IntakeCaller, applicationId: string): Promise<AgreementView> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const decision = await this.decisions.decisionOf(caller, applicationId);
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, applicationId);
    const submitter = submitterId ? await this.accounts.findById(submitterId) : null;
    const id = await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.applications.locked(manager, applicationId);
      if (application.status !== 'APPROVED' || decision.outcome !== 'APPROVED' || decision.amountCents === null) throw IntakeError.invalidTransition(application.status, 'AGREEMENT_SIGNED');
      if (await this.agreements.findByApplication(manager, application.id)) throw new AgreementError(AgreementErrorCode.AGREEMENT_ALREADY_EXISTS, 'This approval already has its agreement.');
      const { trancheBps } = await this.agreements.settings(manager, application.programCode);
      const { regionCode } = await this.applications.submissionFacts(manager, application.id);
      const agreement: AgreementRecord & { createdBy: string } = {
        id: randomUUID(), applicationId: application.id, decisionId: decision.id, organizationId: application.organizationId, programCode: application.programCode,
        regionCode, sectorCode: application.sectorCode, amountCents: decision.amountCents, originalAmountCents: decision.amountCents, trancheBps,
        status: 'OFFERED', createdAt: this.clock.now(), acceptedAt: null, signedAt: null, signedBy: null, endedAt: null, createdBy: caller.account.id,
      };
      const milestones = agreementMilestones(application, Math.max(1, trancheBps.length - 1), this.clock.today(this.config.APP_TIME_ZONE));
      await this.agreements.insert(manager, agreement, scheduleTranches(decision.amountCents, trancheBps, milestones), milestones);
      await this.audit.recordBy(manager, caller, 'agreement.offered', { type: 'application', id: application.id }, { agreementId: agreement.id, amountCents: agreement.amountCents });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'agreement-offered',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: { trackingNumber: application.trackingNumber, title: application.title, amountCents: agreement.amountCents, agreementUrl: `${this.config.PUBLIC_URL}/agreements/${agreement.id}` },
        });
      }
      return agreement.id;
    });
    return this.view(caller, id);
  }

  /** The enterprise accepts the agreement it was offered. */
  accept(caller: IntakeCaller, agreementId: string): Promise<AgreementView> {
    return this.advance(caller, agreementId, 'OFFERED', 'ACCEPTED', 'agreement.accepted', 'accepted');
  }

  /** An approver signs the accepted agreement: the file is AGREEMENT_SIGNED and the first tranche releasable. */
  sign(caller: IntakeCaller, agreementId: string): Promise<AgreementView> {
    return this.advance(caller, agreementId, 'ACCEPTED', 'SIGNED', 'agreement.signed', 'signed', async (manager, agreement) => {
      await this.applications.changeState(manager, caller, agreement.applicationId, 'AGREEMENT_SIGNED', null);
      await this.agreements.setTranche(manager, agreement.id, 1, { status: 'RELEASABLE' });
    });
  }

  async view(caller: IntakeCaller, agreementId: string): Promise<AgreementView> {
    const { agreement, application } = await this.access.visible(caller, agreementId);
    const organization = await this.organizations.findVisible(caller, agreement.organizationId);
    return this.viewOf(this.dataSource.manager, agreement, application, { name: organization.legalName, neq: organization.neq });
  }

  /** The agreement of a file, for its applicant and staff. */
  async ofApplication(caller: IntakeCaller, applicationId: string): Promise<AgreementView> {
    const application = await this.applications.summary(caller, applicationId);
    const agreement = await this.agreements.findByApplication(this.dataSource.manager, application.id);
    if (!agreement) throw AgreementError.notFound();
    return this.view(caller, agreement.id);
  }

  /** Agreements an applicant's organizations hold, or all of them for staff. */
  async list(caller: IntakeCaller, status?: AgreementStatus): Promise<AgreementSummary[]> {
    const organizationIds = caller.account.role === 'APPLICANT' ? await this.organizations.memberOrganizationIds(caller.account.id) : undefined;
    return this.agreements.list(this.dataSource.manager, { organizationIds, status });
  }

  async viewOf(manager: EntityManager, agreement: AgreementRecord, application: ApplicationRecord, organization: { name: string; neq: string }): Promise<AgreementView> {
    const [tranches, milestones, reports, paymentOrders] = [
      await this.agreements.tranches(manager, agreement.id), await this.agreements.milestones(manager, agreement.id),
      await this.agreements.reports(manager, agreement.id), await this.agreements.orders(manager, { agreementId: agreement.id }),
    ];
    return {
      ...agreement, organizationName: organization.name, neq: organization.neq, trackingNumber: application.trackingNumber, title: application.title,
      tranches, milestones, reports, paymentOrders,
      paidCents: paidOf(paymentOrders),
      privateSpentCents: privateSpentOf(reports),
    };
  }

  private async advance(
    caller: IntakeCaller, agreementId: string, from: AgreementStatus, to: AgreementStatus, action: string, verb: string,
    alsoDo?: (manager: EntityManager, agreement: AgreementRecord) => Promise<void>,
  ): Promise<AgreementView> {
    const { agreement: visible } = await this.access.visible(caller, agreementId);
    await runInTransaction(this.dataSource, async (manager) => {
      // The file's row first, as every use case on the file does, so no two of them wait on each other in opposite orders.
      await this.applications.locked(manager, visible.applicationId);
      const agreement = await this.access.lock(manager, agreementId);
      if (agreement.status !== from) throw AgreementError.state(agreement.status, verb);
      await this.agreements.setStatus(manager, agreement.id, to, this.clock.now(), caller.account.id);
      await alsoDo?.(manager, agreement);
      await this.audit.recordBy(manager, caller, action, { type: 'application', id: agreement.applicationId }, { agreementId: agreement.id });
    });
    return this.view(caller, agreementId);
  }
}

/** Public money out and not returned: orders issued or paid. */
export function paidOf(orders: { status: string; amountCents: number }[]): number {
  return orders.filter((order) => order.status !== 'RETURNED').reduce((sum, order) => sum + order.amountCents, 0);
}

/**
 * Private money spent to date: the highest cumulative figure among accepted reports (0 before
 * any). Cumulative spending never goes down, whatever order the reports were reviewed in.
 */
export function privateSpentOf(reports: { privateSpentToDateCents: number; review: { outcome: string } | null }[]): number {
  return reports.filter((report) => report.review?.outcome === 'ACCEPTED').reduce((highest, report) => Math.max(highest, report.privateSpentToDateCents), 0);
}

/**
 * The agreement's milestones: one report per tranche after the first, the last one final. They
 * take the titles and dates of the file's milestones, in date order (the last file milestone
 * for the final report; earlier ones in turn, repeating the last when the file has fewer).
 */
function agreementMilestones(application: ApplicationRecord, count: number, today: string): AgreementMilestone[] {
  const planned = [...application.milestones].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  // A submitted file always has milestones (the checklist requires them); today is only a guard.
  const last = planned.at(-1) ?? { title: 'Rapport final', dueOn: today };
  return Array.from({ length: count }, (_, index) => {
    const final = index === count - 1;
    const source = final ? last : (planned[index] ?? last);
    return { number: index + 1, title: source.title, dueOn: source.dueOn, final };
  });
}

function scheduleTranches(amountCents: number, trancheBps: number[], milestones: AgreementMilestone[]): Tranche[] {
  return trancheAmounts(amountCents, trancheBps).map((amount, index) => ({
    number: index + 1, amountCents: amount, milestoneNumber: index === 0 ? null : Math.min(index, milestones.length), status: 'PENDING' as const,
  }));
}
