import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '@fa/shared';
import { ApplicationRecord, ApplicationsService, IntakeCaller } from '@fa/intake';
import { ConflictDeclarationsService } from '@fa/review';
import { AgreementRepository } from './agreement.repository';
import { AgreementRecord } from './agreement.types';
import { AgreementError } from './agreements.error';

/**
 * Who may see an agreement: the members of the enterprise that holds it (anyone else gets the
 * same 404 as for a missing one, through the intake's access check), and staff — reviewers and
 * approvers after declaring no conflict with the file. Read outside transactions; `lock` inside.
 */
@Injectable()
export class AgreementAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly applications: ApplicationsService,
    private readonly conflicts: ConflictDeclarationsService,
  ) {}

  async visible(caller: IntakeCaller, agreementId: string): Promise<{ agreement: AgreementRecord; application: ApplicationRecord }> {
    const agreement = isUuid(agreementId) ? await this.agreements.find(this.dataSource.manager, agreementId) : null;
    if (!agreement) throw AgreementError.notFound();
    const application = await this.applications.summary(caller, agreement.applicationId).catch(() => {
      throw AgreementError.notFound();
    });
    await this.conflicts.assertMayOpen(caller, agreement.applicationId);
    return { agreement, application };
  }

  async lock(manager: EntityManager, agreementId: string): Promise<AgreementRecord> {
    const agreement = await this.agreements.find(manager, agreementId, true);
    if (!agreement) throw AgreementError.notFound();
    return agreement;
  }
}
