import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../accounts/organization.entity';
import { AuditTrail } from '../audit/audit-trail';
import { IdentityError, IdentityErrorCode } from '../identity.error';

export interface OrganizationCaller {
  account: AccountEntity;
  clientAddress: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * SME organizations. An applicant sees only the organizations they belong to: any other
 * answers ORGANIZATION_NOT_FOUND, exactly like one that does not exist, and the attempt is
 * recorded. Staff (review, approval, audit, administration) see every organization.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** An applicant registers their enterprise and becomes its first member. */
  async create(caller: OrganizationCaller, input: { legalName: string; neq: string }): Promise<OrganizationEntity> {
    return runInTransaction(this.dataSource, async (manager) => {
      const id = randomUUID();
      const inserted = (await manager.query(
        `INSERT INTO organization (id, legal_name, neq, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (neq) DO NOTHING RETURNING id`,
        [id, input.legalName.trim(), input.neq, caller.account.id],
      )) as { id: string }[];
      if (inserted.length === 0) {
        throw new IdentityError(IdentityErrorCode.ORGANIZATION_ALREADY_REGISTERED, 'An organization with this NEQ is already registered; ask one of its members to invite you.', { neq: input.neq });
      }
      await manager.query('INSERT INTO organization_member (organization_id, account_id, joined_at) VALUES ($1, $2, $3)', [id, caller.account.id, this.clock.now()]);
      await this.audit.record(manager, {
        actor: { accountId: caller.account.id, label: caller.account.email },
        action: 'organization.created',
        object: { type: 'organization', id },
        outcome: 'SUCCESS',
        clientAddress: caller.clientAddress,
        details: { neq: input.neq },
      });
      return manager.getRepository(OrganizationEntity).findOneOrFail({ where: { id } });
    });
  }

  /** The organizations the caller may see: their own, or all for staff. */
  listVisible(caller: OrganizationCaller): Promise<OrganizationEntity[]> {
    const query = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('organization').orderBy('organization.legalName', 'ASC');
    if (caller.account.role === 'APPLICANT') {
      query.innerJoin('organization_member', 'member', 'member.organization_id = organization.id AND member.account_id = :accountId', { accountId: caller.account.id });
    }
    return query.getMany();
  }

  /** One organization, looked up within what the caller may see. */
  async findVisible(caller: OrganizationCaller, organizationId: string): Promise<OrganizationEntity> {
    const visible = UUID.test(organizationId) ? await this.visibleOrNull(caller, organizationId) : null;
    if (visible) return visible;
    await this.audit.recordAlone({
      actor: { accountId: caller.account.id, label: caller.account.email },
      action: 'organization.access_denied',
      object: { type: 'organization', id: organizationId.slice(0, 200) },
      outcome: 'DENIED',
      clientAddress: caller.clientAddress,
    });
    throw new IdentityError(IdentityErrorCode.ORGANIZATION_NOT_FOUND, 'No such organization.');
  }

  private async visibleOrNull(caller: OrganizationCaller, organizationId: string): Promise<OrganizationEntity | null> {
    if (caller.account.role !== 'APPLICANT') return this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: organizationId } });
    const rows = (await this.dataSource.query('SELECT 1 FROM organization_member WHERE organization_id = $1 AND account_id = $2', [organizationId, caller.account.id])) as unknown[];
    return rows.length === 0 ? null : this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: organizationId } });
  }
}
