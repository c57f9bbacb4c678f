import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller, SubmissionService } from '@fa/intake';
import { Outbox } from '@fa/notifications';
import { ConflictDeclarationsService } from './conflict-declarations.service';

export type ConfirmedOutcome = 'ELIGIBLE' | 'INELIGIBLE';

export interface ScreeningConfirmation {
  automatedOutcome: string;
  confirmedOutcome: ConfirmedOutcome;
  overturned: boolean;
  reason: string;
  confirmedAt: Date;
}

/**
 * No application is refused by the machine alone (fund-rules.md §4): a reviewer who declared no
 * conflict confirms or overturns the automated outcome with a reason, the file moves into review,
 * and the applicant is told the result and the reason.
 */
@Injectable()
export class ScreeningConfirmationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async confirm(caller: IntakeCaller, applicationId: string, confirmedOutcome: ConfirmedOutcome, reason: string): Promise<ScreeningConfirmation> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const screening = await this.submissions.latestScreening(caller, applicationId);
    // Read before the transaction: a transaction never waits for a second pooled connection.
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, applicationId);
    const submitter = submitterId ? await this.accounts.findById(submitterId) : null;
    const confirmation = { automatedOutcome: screening.outcome, confirmedOutcome, overturned: screening.outcome !== confirmedOutcome, reason, confirmedAt: this.clock.now() };
    await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.applications.changeState(manager, caller, applicationId, 'IN_REVIEW', reason);
      await manager.query(
        `INSERT INTO screening_confirmation (id, application_id, screening_id, reviewer_account_id, automated_outcome, confirmed_outcome, reason, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), application.id, screening.id, caller.account.id, screening.outcome, confirmedOutcome, reason, confirmation.confirmedAt],
      );
      await this.audit.recordBy(manager, caller, confirmation.overturned ? 'review.screening_overturned' : 'review.screening_confirmed', { type: 'application', id: application.id }, { automatedOutcome: screening.outcome, confirmedOutcome });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'screening-confirmation',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: {
            trackingNumber: application.trackingNumber, title: application.title, confirmedOutcome, overturned: confirmation.overturned,
            reason, applicationUrl: `${this.config.PUBLIC_URL}/applications/${application.id}`,
          },
        });
      }
    });
    return confirmation;
  }
}
