import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, Locale, ValidationFailedError, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail, OrganizationsService } from '@fa/identity';
import { ApplicationRecord, ApplicationsService, IntakeCaller, IntakeError } from '@fa/intake';
import { LedgerService, PostingOutcome } from '@fa/ledger';
import { MailRenderer, Outbox } from '@fa/notifications';
import { ProgramsService } from '@fa/programs';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { DecisionOutcome, DecisionRepository, StoredDecision } from './decision.repository';
import { assertGrantAmount, assertNotConfirmedIneligible } from './grant-amount';
import { RecommendationRepository } from './recommendation.repository';
import { ReviewRepository } from './review.repository';
import { ReviewError, ReviewErrorCode } from './review.error';

export interface DecisionInput {
  outcome: DecisionOutcome;
  amountCents: number | null;
  reasons: string | null;
  /** The client's Idempotency-Key; a repeat of the same request answers the decision already taken. */
  requestKey: string;
}

export interface DecisionResult {
  decision: StoredDecision;
  /** True when this request repeated one already decided (same key). */
  repeated: boolean;
}

/** What the decision letter (mail and download) says. */
export interface DecisionLetterFacts {
  trackingNumber: string | null;
  title: string | null;
  organizationName: string;
  outcome: DecisionOutcome;
  amountCents: number | null;
  reasons: string | null;
  decidedAt: string;
  applicationUrl: string;
}

/**
 * The approver's decision (fund-rules.md §6). Four eyes: never someone who reviewed, confirmed
 * the screening of, recommended or recused from the file, never on their own organization's
 * file. An approval commits its amount against the envelope in the same transaction, with the
 * envelope's row locked: when the envelope cannot cover it, only the ledger's record of the
 * refused command is kept and the approver gets ENVELOPE_INSUFFICIENT.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DecisionRepository,
    private readonly recommendations: RecommendationRepository,
    private readonly reviews: ReviewRepository,
    private readonly applications: ApplicationsService,
    private readonly programs: ProgramsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly ledger: LedgerService,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly mails: MailRenderer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async decide(caller: IntakeCaller, applicationId: string, input: DecisionInput): Promise<DecisionResult> {
    if (input.outcome === 'DECLINED' && !input.reasons?.trim()) throw new ValidationFailedError([{ field: 'reasons', problems: ['A decline needs reasons: the applicant reads them'] }]);
    await this.conflicts.assertMayOpen(caller, applicationId);
    // Read before the transaction: a transaction never waits for a second pooled connection.
    const summary = await this.applications.summary(caller, applicationId);
    const organization = await this.organizations.findVisible(caller, summary.organizationId);
    const { grantCeilingCents, settingsVersion } = await this.programs.getSettings(this.config.PROGRAM_CODE);
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, applicationId);
    const submitter = submitterId ? await this.accounts.findById(submitterId) : null;

    const result = await runInTransaction(this.dataSource, async (manager): Promise<DecisionResult | { refused: PostingOutcome }> => {
      const application = await this.applications.locked(manager, applicationId);
      const earlier = await this.decisions.find(manager, application.id);
      if (earlier && earlier.requestKey === input.requestKey && earlier.approverAccountId === caller.account.id) {
        if (!sameRequest(earlier, input)) throw new ReviewError(ReviewErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different decision on this file.');
        return { decision: earlier, repeated: true };
      }
      if (application.status !== 'RECOMMENDED') throw IntakeError.invalidTransition(application.status, input.outcome);
      // A key an approval was refused under answers only that same approval again.
      const ledgerKey = approvalKey(application.id, input.requestKey);
      if (input.outcome === 'DECLINED' && (await manager.query('SELECT 1 FROM ledger_command WHERE idempotency_key = $1', [ledgerKey]) as unknown[]).length > 0) {
        throw new ReviewError(ReviewErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different decision on this file.');
      }
      await this.assertFourEyes(manager, application.id, caller.account.id);
      const recommendation = await this.recommendations.latest(manager, application.id);
      if (!recommendation) throw IntakeError.invalidTransition(application.status, input.outcome);
      let ledgerIdempotencyKey: string | null = null;
      if (input.outcome === 'APPROVED') {
        assertGrantAmount(input.amountCents, application.amountRequestedCents, grantCeilingCents);
        await assertNotConfirmedIneligible(this.reviews, manager, application.id);
        const alreadyGrantedCents = await this.decisions.approvedForSameEnterprise(manager, application.id);
        if (alreadyGrantedCents + input.amountCents > grantCeilingCents) {
          throw new ReviewError(ReviewErrorCode.AMOUNT_ABOVE_CEILING, 'With its earlier grants, the enterprise would pass the program’s ceiling.', { amountCents: input.amountCents, alreadyGrantedCents, ceilingCents: grantCeilingCents });
        }
        const posting = await this.commitMoney(manager, caller, application, input.amountCents, input.requestKey);
        if (posting.outcome === 'REFUSED') return { refused: posting };
        ledgerIdempotencyKey = posting.idempotencyKey;
      }
      const decision: StoredDecision = {
        id: randomUUID(), applicationId: application.id, recommendationId: recommendation.id, approverAccountId: caller.account.id, outcome: input.outcome,
        amountCents: input.outcome === 'APPROVED' ? input.amountCents : null, reasons: input.reasons, requestKey: input.requestKey, ledgerIdempotencyKey, decidedAt: this.clock.now(), settingsVersion,
      };
      await this.decisions.insert(manager, decision);
      await this.applications.changeState(manager, caller, application.id, input.outcome, input.reasons);
      await this.audit.recordBy(manager, caller, input.outcome === 'APPROVED' ? 'decision.approved' : 'decision.declined', { type: 'application', id: application.id }, {
        amountCents: decision.amountCents, recommendation: recommendation.kind, ledgerIdempotencyKey,
      });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'decision',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: { ...this.letterFacts(application, organization.legalName, decision) },
        });
      }
      return { decision, repeated: false };
    });
    if ('refused' in result) {
      const refusal = result.refused as Extract<PostingOutcome, { outcome: 'REFUSED' }>;
      throw new ReviewError(ReviewErrorCode.ENVELOPE_INSUFFICIENT, 'The envelope cannot cover this approval: nothing was approved.', refusal.details);
    }
    return result;
  }

  /** The decision on a file, for its applicant and for staff. */
  async decisionOf(caller: IntakeCaller, applicationId: string): Promise<StoredDecision> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    const decision = await this.decisions.find(this.dataSource.manager, application.id);
    if (!decision) throw new ReviewError(ReviewErrorCode.DECISION_NOT_FOUND, 'No decision has been taken on this file yet.');
    return decision;
  }

  /** The decision letter as a standalone HTML document (the same text as the mail), in the language asked for. */
  async letter(caller: IntakeCaller, applicationId: string, locale: Locale): Promise<{ html: string; fileName: string }> {
    const decision = await this.decisionOf(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    const organization = await this.organizations.findVisible(caller, application.organizationId);
    const rendered = this.mails.render('decision', locale, { ...this.letterFacts(application, organization.legalName, decision), recipientName: null, publicUrl: this.config.PUBLIC_URL });
    return { html: rendered.html, fileName: `${locale === 'fr' ? 'lettre-decision' : 'decision-letter'}-${application.trackingNumber ?? application.id}.html` };
  }

  /** Whether the account reviewed, confirmed the screening of, recommended or recused from the file (four eyes for what follows the decision too). */
  async tookPartInReview(manager: EntityManager, applicationId: string, accountId: string): Promise<boolean> {
    return Object.values(await this.reviews.participation(manager, applicationId, accountId)).some(Boolean);
  }

  private async assertFourEyes(manager: EntityManager, applicationId: string, accountId: string): Promise<void> {
    const participation = await this.reviews.participation(manager, applicationId, accountId);
    const roles = Object.entries(participation).filter(([, took]) => took).map(([role]) => role);
    if (roles.length > 0) {
      throw new ReviewError(ReviewErrorCode.FOUR_EYES_VIOLATION, 'You took part in the review of this file (or recused yourself from it): another approver decides.', { participation: roles });
    }
  }

  private commitMoney(manager: EntityManager, caller: IntakeCaller, application: ApplicationRecord, amountCents: number, requestKey: string): Promise<PostingOutcome> {
    return this.applications.submissionFacts(manager, application.id).then(({ regionCode }) =>
      this.ledger.commit(manager, {
        idempotencyKey: approvalKey(application.id, requestKey),
        programCode: application.programCode,
        grantId: application.id,
        amountCents,
        regionCode,
        sectorCode: application.sectorCode,
        actor: caller.account.id,
        reason: `Approval of ${application.trackingNumber ?? application.id}`,
      }),
    );
  }

  private letterFacts(application: ApplicationRecord, organizationName: string, decision: StoredDecision): DecisionLetterFacts {
    return {
      trackingNumber: application.trackingNumber, title: application.title, organizationName, outcome: decision.outcome, amountCents: decision.amountCents,
      reasons: decision.reasons, decidedAt: decision.decidedAt.toISOString(), applicationUrl: `${this.config.PUBLIC_URL}/applications/${application.id}`,
    };
  }
}

/** Whether a repeated request (same key) asks for what was decided. */
function sameRequest(decision: StoredDecision, input: DecisionInput): boolean {
  return decision.outcome === input.outcome && decision.amountCents === (input.outcome === 'APPROVED' ? input.amountCents : null) && decision.reasons === input.reasons;
}

/** The ledger's key for an approval: one per file and request. */
function approvalKey(applicationId: string, requestKey: string): string {
  return `approval:${applicationId}:${requestKey}`;
}
