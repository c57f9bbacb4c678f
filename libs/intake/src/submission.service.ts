import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AccountEntity, OrganizationEntity, OrganizationsService } from '@fa/identity';
import { Outbox } from '@fa/notifications';
import { ProgramsService } from '@fa/programs';
import { RULE_SETS, Screening, screen } from '@fa/eligibility';
import { ApplicationAccess, IntakeCaller } from './application-access';
import { ACTIVE_STATES, canTransition } from './application-state';
import { ApplicationRecord, OrganizationProfile } from './application.types';
import { ApplicationRepository } from './application.repository';
import { ApplicationsService } from './applications.service';
import { AttachmentRepository } from './attachment.repository';
import { checklist, missingItems } from './completeness';
import { IntakeError, IntakeErrorCode } from './intake.error';
import { OrganizationProfileRepository } from './organization-profile.repository';
import { ScreeningRepository, StoredScreening } from './screening.repository';
import { screeningInput, screeningSettings } from './screening-input';

export interface SubmissionResult {
  trackingNumber: string;
  screening: StoredScreening;
}

/**
 * Submission: the checklist must be complete; then, in one transaction, the file gets its
 * tracking number, its content is frozen, the automated screening runs and is stored with
 * its rule-set version, inputs and results, and the two mails are queued.
 */
@Injectable()
export class SubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly applicationsService: ApplicationsService,
    private readonly attachments: AttachmentRepository,
    private readonly profiles: OrganizationProfileRepository,
    private readonly screenings: ScreeningRepository,
    private readonly access: ApplicationAccess,
    private readonly organizations: OrganizationsService,
    private readonly programs: ProgramsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async submit(caller: IntakeCaller, id: string): Promise<SubmissionResult> {
    const { settings, settingsVersion, ruleSetVersion } = await this.currentSettings();
    const visible = await this.access.visible(caller, id);
    const organization = await this.organizations.findVisible(caller, visible.organizationId);
    return runInTransaction(this.dataSource, async (manager) => {
      await this.applications.lockAllOfOrganization(manager, organization.id);
      const application = await this.access.lock(manager, id);
      const profile = await this.profiles.find(manager, organization.id);
      const today = this.clock.today(this.config.APP_TIME_ZONE);
      const missing = missingItems(checklist(organization, profile, application, today));
      if (missing.length > 0) throw new IntakeError(IntakeErrorCode.APPLICATION_INCOMPLETE, 'The application is not complete.', { missing });
      if (!canTransition(application.status, 'SUBMITTED')) throw IntakeError.invalidTransition(application.status, 'SUBMITTED');
      const trackingNumber = application.trackingNumber ?? (await this.applications.nextTrackingNumber(manager, application.programCode));
      const submissionId = await this.freeze(manager, caller, { ...application, trackingNumber }, organization, profile);
      const otherActive = await this.applications.countOtherActive(manager, organization.id, id, ACTIVE_STATES);
      const input = screeningInput(organization, profile, application, today, otherActive);
      const screening = screen(input, settings, ruleSetVersion);
      await this.screenings.insertScreening(manager, { id: randomUUID(), applicationId: id, submissionId, input, settings, settingsVersion, screening, at: this.clock.now() });
      // State changes last: their audit records take the audit chain's head lock, held until commit.
      await this.applicationsService.transition(manager, caller, application, 'SUBMITTED', null, { trackingNumber });
      await this.applicationsService.transition(manager, caller, { ...application, status: 'SUBMITTED' }, 'SCREENED', `${screening.outcome} (${screening.ruleSetVersion})`);
      await this.notify(manager, caller.account, { ...application, trackingNumber }, screening);
      return { trackingNumber, screening: (await this.screenings.latestScreening(manager, id)) as StoredScreening };
    });
  }

  async latestScreening(caller: IntakeCaller, id: string): Promise<StoredScreening> {
    await this.access.visible(caller, id);
    const screening = await this.screenings.latestScreening(this.dataSource.manager, id);
    if (!screening) throw new IntakeError(IntakeErrorCode.SCREENING_NOT_FOUND, 'This application has not been screened yet: it is screened when it is submitted.');
    return screening;
  }

  /** The content as it was submitted, for the applicant's copy. */
  async submittedCopy(caller: IntakeCaller, id: string): Promise<{ sequence: number; submittedAt: Date; content: SubmittedContent }> {
    await this.access.visible(caller, id);
    const copy = await this.screenings.latestSubmission(this.dataSource.manager, id);
    if (!copy) throw new IntakeError(IntakeErrorCode.SCREENING_NOT_FOUND, 'This application has not been submitted yet.');
    return { ...copy, content: copy.content as SubmittedContent };
  }

  /** The applicant asks a person to re-examine the automated screening, once per screening. */
  async requestReexamination(caller: IntakeCaller, id: string, reason: string): Promise<StoredScreening> {
    await this.access.visible(caller, id);
    return runInTransaction(this.dataSource, async (manager) => {
      await this.access.lock(manager, id);
      const screening = await this.screenings.latestScreening(manager, id);
      if (!screening) throw new IntakeError(IntakeErrorCode.SCREENING_NOT_FOUND, 'This application has not been screened yet.');
      const created = await this.screenings.requestReexamination(manager, { id: randomUUID(), applicationId: id, screeningId: screening.id, reason, requestedBy: caller.account.id, at: this.clock.now() });
      if (!created) throw new IntakeError(IntakeErrorCode.REEXAMINATION_ALREADY_REQUESTED, 'A re-examination of this screening has already been requested.');
      return (await this.screenings.latestScreening(manager, id)) as StoredScreening;
    });
  }

  /** The settings and the rule set the program names today; a stored screening keeps both. */
  private async currentSettings() {
    let [overview, parameters] = await Promise.all([this.programs.getOverview(this.config.PROGRAM_CODE), this.programs.getScreeningParameters(this.config.PROGRAM_CODE)]);
    // The two reads are two snapshots: read again until no settings change came between them, so
    // the version recorded is the one whose figures the screening used.
    for (let attempt = 0; attempt < 3 && (await this.programs.getSettings(this.config.PROGRAM_CODE)).settingsVersion !== overview.program.settingsVersion; attempt++) {
      [overview, parameters] = await Promise.all([this.programs.getOverview(this.config.PROGRAM_CODE), this.programs.getScreeningParameters(this.config.PROGRAM_CODE)]);
    }
    if (!RULE_SETS.has(parameters.ruleSetVersion)) {
      // A settings error, found before the transaction so no tracking number is spent on it.
      throw new IntakeError(IntakeErrorCode.RULE_SET_NOT_AVAILABLE, `The program names rule set ${parameters.ruleSetVersion}, which this version of the platform does not have.`, { ruleSetVersion: parameters.ruleSetVersion });
    }
    return { settings: screeningSettings(overview, parameters), settingsVersion: overview.program.settingsVersion, ruleSetVersion: parameters.ruleSetVersion };
  }

  private async freeze(manager: EntityManager, caller: IntakeCaller, application: ApplicationRecord, organization: OrganizationEntity, profile: OrganizationProfile): Promise<string> {
    const id = randomUUID();
    const attachments = (await this.attachments.list(manager, application.id)).map(({ id: attachmentId, category, originalName, mediaType, sizeBytes, sha256 }) => ({
      id: attachmentId, category, originalName, mediaType, sizeBytes, sha256,
    }));
    const { id: _id, status: _status, revision: _revision, createdAt: _created, updatedAt: _updated, submittedAt: _submitted, ...content } = application;
    const snapshot: SubmittedContent = { organization: { legalName: organization.legalName, neq: organization.neq, ...profile }, application: content, attachments };
    await this.screenings.insertSubmission(manager, { id, applicationId: application.id, submittedAt: this.clock.now(), submittedBy: caller.account.id, content: snapshot });
    return id;
  }

  private async notify(manager: EntityManager, account: AccountEntity, application: ApplicationRecord, screening: Screening): Promise<void> {
    const base = { trackingNumber: application.trackingNumber, title: application.title, applicationUrl: `${this.config.PUBLIC_URL}/applications/${application.id}` };
    const to = { email: account.email, name: account.displayName };
    await this.outbox.enqueue(manager, { type: 'submission-received', to, locale: account.preferredLocale, payload: { ...base, submittedAt: this.clock.now().toISOString() } });
    const deciding = screening.results.filter((result) => screening.decidingRules.includes(result.ruleId));
    await this.outbox.enqueue(manager, {
      type: 'screening-result',
      to,
      locale: account.preferredLocale,
      payload: {
        ...base,
        outcome: screening.outcome,
        score: screening.score.total,
        ruleSetVersion: screening.ruleSetVersion,
        reasons: deciding.map(({ ruleId, verdict, title, message }) => ({ ruleId, verdict, titleFr: title.fr, titleEn: title.en, messageFr: message.fr, messageEn: message.en })),
        screeningUrl: `${this.config.PUBLIC_URL}/applications/${application.id}/screening`,
      },
    });
  }
}

/** The frozen copy of a submission. */
export interface SubmittedContent {
  organization: { legalName: string; neq: string } & OrganizationProfile;
  application: Omit<ApplicationRecord, 'id' | 'status' | 'revision' | 'createdAt' | 'updatedAt' | 'submittedAt'>;
  attachments: { id: string; category: string; originalName: string; mediaType: string; sizeBytes: number; sha256: string }[];
}
