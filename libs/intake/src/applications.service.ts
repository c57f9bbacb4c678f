import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AuditTrail, OrganizationsService } from '@fa/identity';
import { ApplicationAccess, IntakeCaller } from './application-access';
import { ApplicationState, EDITABLE_STATES, WITHDRAWABLE_STATES, canTransition } from './application-state';
import { ApplicationEvent, ApplicationPatch, ApplicationRecord, AttachmentRecord, OrganizationProfile, QueueFilter, QueueItem } from './application.types';
import { ApplicationRepository, SubmissionFacts } from './application.repository';
import { AttachmentRepository } from './attachment.repository';
import { SectionStatus, checklist } from './completeness';
import { normalizePatch } from './content-normalization';
import { IntakeError, IntakeErrorCode } from './intake.error';
import { OrganizationProfileRepository } from './organization-profile.repository';
import { ProgramReferences } from './program-references';
import { ScreeningRepository, StoredScreening } from './screening.repository';

/** Everything the applicant's view of one file shows. */
export interface ApplicationView {
  application: ApplicationRecord;
  organization: { id: string; legalName: string; neq: string };
  profile: OrganizationProfile;
  checklist: SectionStatus[];
  attachments: AttachmentRecord[];
  timeline: ApplicationEvent[];
  screening: StoredScreening | null;
  editable: boolean;
  withdrawable: boolean;
}

/** Drafts, their sections, and withdrawal. Submission and screening are in SubmissionService. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly attachments: AttachmentRepository,
    private readonly profiles: OrganizationProfileRepository,
    private readonly screenings: ScreeningRepository,
    private readonly access: ApplicationAccess,
    private readonly organizations: OrganizationsService,
    private readonly references: ProgramReferences,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a draft for one of the caller's organizations, optionally with some content already. */
  async create(caller: IntakeCaller, organizationId: string, draft: ApplicationPatch = {}): Promise<ApplicationView> {
    const content = normalizePatch(draft);
    const organization = await this.organizations.findVisible(caller, organizationId);
    await this.references.checkApplication(content, { sectorCode: null, useCaseCode: null }, new Map(), await this.references.overview());
    const id = randomUUID();
    await runInTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      await this.applications.insertDraft(manager, { id, programCode: this.references.programCode, organizationId: organization.id, createdBy: caller.account.id, now });
      if (Object.keys(content).length > 0) await this.applications.updateContent(manager, id, content, now);
      await this.applications.recordEvent(manager, { applicationId: id, from: null, to: 'DRAFT', actorAccountId: caller.account.id, at: now });
      await this.audit.recordBy(manager, caller, 'application.created', { type: 'application', id }, { organizationId: organization.id });
    });
    return this.view(caller, id);
  }

  list(caller: IntakeCaller): Promise<ApplicationRecord[]> {
    return caller.account.role === 'APPLICANT'
      ? this.organizations.memberOrganizationIds(caller.account.id).then((ids) => this.applications.list(this.dataSource.manager, ids))
      : this.applications.list(this.dataSource.manager, 'ALL');
  }

  async view(caller: IntakeCaller, id: string): Promise<ApplicationView> {
    const manager = this.dataSource.manager;
    const application = await this.access.visible(caller, id);
    const organization = await this.organizations.findVisible(caller, application.organizationId);
    const profile = await this.profiles.find(manager, organization.id);
    return {
      application,
      organization: { id: organization.id, legalName: organization.legalName, neq: organization.neq },
      profile,
      checklist: checklist(organization, profile, application, this.clock.today(this.config.APP_TIME_ZONE)),
      attachments: await this.attachments.list(manager, id),
      timeline: await this.applications.timeline(manager, id),
      screening: await this.screenings.latestScreening(manager, id),
      editable: EDITABLE_STATES.includes(application.status),
      withdrawable: WITHDRAWABLE_STATES.includes(application.status),
    };
  }

  /**
   * Moves a file to another state for another context (review), inside that context's
   * transaction, with the row locked; the state machine decides whether the move is allowed.
   */
  async changeState(manager: EntityManager, caller: IntakeCaller, id: string, to: ApplicationState, reason: string | null): Promise<ApplicationRecord> {
    const application = await this.access.lock(manager, id);
    await this.transition(manager, caller, application, to, reason);
    return { ...application, status: to };
  }

  /** The file with its row locked, for another context's use case inside its transaction. */
  locked(manager: EntityManager, id: string): Promise<ApplicationRecord> {
    return this.access.lock(manager, id);
  }

  /** The account that last submitted the file: the person to tell about its progress. */
  lastSubmitter(manager: EntityManager, id: string): Promise<string | null> {
    return this.applications.lastSubmitter(manager, id);
  }

  /** Which submission of the file is current, and the region it was screened in (for reviews and the ledger). */
  submissionFacts(manager: EntityManager, id: string): Promise<SubmissionFacts> {
    return this.applications.submissionFacts(manager, id);
  }

  /** The reviewers' work queue: submitted files, filtered and sorted (staff only; the routes say who). */
  queue(filter: QueueFilter): Promise<QueueItem[]> {
    return this.applications.queue(this.dataSource.manager, filter);
  }

  /** An application's record without its details, for another context that checks it exists and is visible. */
  summary(caller: IntakeCaller, id: string): Promise<ApplicationRecord> {
    return this.access.visible(caller, id);
  }

  /** The intake's part of a person's "my data" download. */
  personalDataOf(accountId: string): Promise<Record<string, unknown[]>> {
    return this.applications.personalDataOf(this.dataSource.manager, accountId);
  }

  /** Saves some fields of a draft (or of a file returned for changes); submitted content is frozen. */
  async update(caller: IntakeCaller, id: string, changes: ApplicationPatch): Promise<ApplicationView> {
    const patch = normalizePatch(changes);
    await this.access.visible(caller, id);
    const overview = await this.references.overview();
    await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.access.lock(manager, id);
      assertEditable(application.status);
      await this.references.checkApplication(patch, application, await this.attachments.categoriesOf(manager, id), overview);
      await this.applications.updateContent(manager, id, patch, this.clock.now());
      await this.audit.recordBy(manager, caller, 'application.updated', { type: 'application', id }, { fields: Object.keys(patch) });
    });
    return this.view(caller, id);
  }

  /** The applicant withdraws the file before a decision; the reason is optional and kept in the timeline. */
  async withdraw(caller: IntakeCaller, id: string, reason: string | null): Promise<ApplicationView> {
    await this.access.visible(caller, id);
    await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.access.lock(manager, id);
      await this.transition(manager, caller, application, 'WITHDRAWN', reason);
    });
    return this.view(caller, id);
  }

  /** Moves a file to another state if the state machine allows it, with its timeline entry and audit record. */
  async transition(
    manager: EntityManager,
    caller: IntakeCaller,
    application: ApplicationRecord,
    to: ApplicationState,
    reason: string | null = null,
    submission?: { trackingNumber: string },
  ): Promise<void> {
    if (!canTransition(application.status, to)) throw IntakeError.invalidTransition(application.status, to);
    const now = this.clock.now();
    await this.applications.setStatus(manager, application.id, to, now, submission);
    // Content changed after a request for changes is declared accurate again before it is resubmitted.
    if (to === 'CHANGES_REQUESTED') await this.applications.updateContent(manager, application.id, { declaresAccuracy: false, consentsToProcessing: false, acknowledgesAutomatedScreening: false }, now);
    await this.applications.recordEvent(manager, { applicationId: application.id, from: application.status, to, actorAccountId: caller.account.id, reason, at: now });
    await this.audit.recordBy(manager, caller, 'application.status_changed', { type: 'application', id: application.id }, { from: application.status, to });
  }

}

export function assertEditable(status: ApplicationState): void {
  if (!EDITABLE_STATES.includes(status)) {
    throw new IntakeError(IntakeErrorCode.APPLICATION_NOT_EDITABLE, 'A submitted application cannot be changed unless a reviewer asks for changes.', { status });
  }
}
