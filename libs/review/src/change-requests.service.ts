import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { Outbox } from '@fa/notifications';
import { ConflictDeclarationsService } from './conflict-declarations.service';

/**
 * A reviewer returns a file to the applicant with comments (fund-rules.md §6). The applicant
 * edits it, declares it accurate again and resubmits; it is screened and reviewed afresh.
 */
@Injectable()
export class ChangeRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(caller: IntakeCaller, applicationId: string, comments: string): Promise<void> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, applicationId);
    const submitter = submitterId ? await this.accounts.findById(submitterId) : null;
    await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.applications.changeState(manager, caller, applicationId, 'CHANGES_REQUESTED', comments);
      await this.audit.recordBy(manager, caller, 'review.changes_requested', { type: 'application', id: application.id });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'changes-requested',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: { trackingNumber: application.trackingNumber, title: application.title, comments, applicationUrl: `${this.config.PUBLIC_URL}/applications/${application.id}` },
        });
      }
    });
  }
}
