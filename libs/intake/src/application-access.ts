import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '@fa/shared';
import { AuditTrail, OrganizationCaller, OrganizationsService } from '@fa/identity';
import { ApplicationRecord } from './application.types';
import { ApplicationRepository } from './application.repository';
import { IntakeError } from './intake.error';

export type IntakeCaller = OrganizationCaller;

/**
 * Finds an application within what the caller may see. An applicant sees only their
 * organizations' applications: another one answers APPLICATION_NOT_FOUND, exactly like one
 * that does not exist, and the attempt is recorded in the audit trail. Staff see every one.
 */
@Injectable()
export class ApplicationAccess {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditTrail,
  ) {}

  async visible(manager: EntityManager, caller: IntakeCaller, id: string, options: { lock?: boolean } = {}): Promise<ApplicationRecord> {
    const application = isUuid(id) ? await this.applications.find(manager, id, options.lock) : null;
    if (application && (await this.mayAccess(manager, caller, application.organizationId))) return application;
    await this.audit.recordAlone({
      actor: { accountId: caller.account.id, label: caller.account.email },
      action: 'application.access_denied',
      object: { type: 'application', id: id.slice(0, 200) },
      outcome: 'DENIED',
      clientAddress: caller.clientAddress,
    });
    throw IntakeError.applicationNotFound();
  }

  private async mayAccess(manager: EntityManager, caller: IntakeCaller, organizationId: string): Promise<boolean> {
    return caller.account.role !== 'APPLICANT' || this.organizations.isMember(caller.account.id, organizationId, manager);
  }
}
