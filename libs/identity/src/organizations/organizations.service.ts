import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, isUuid, runInTransaction } from '@fa/shared';
import { Outbox } from '@fa/notifications';
import { normalizeEmail } from '../accounts/accounts.service';
import { tokenHash } from '../tokens/single-use-token';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../accounts/organization.entity';
import { AuditTrail } from '../audit/audit-trail';
import { IdentityError, IdentityErrorCode } from '../identity.error';

export interface OrganizationCaller {
  account: AccountEntity;
  clientAddress: string | null;
}

const INVITATION_DAYS = 7;

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
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A member invites a colleague by e-mail: a single-use link, valid 7 days, that only that address can accept. */
  async invite(caller: OrganizationCaller, organizationId: string, email: string): Promise<void> {
    const organization = await this.findVisible(caller, organizationId);
    const invitee = normalizeEmail(email);
    const token = randomBytes(32).toString('base64url');
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.query(
        'INSERT INTO organization_invitation (id, organization_id, email, invited_by, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [randomUUID(), organization.id, invitee, caller.account.id, tokenHash(token), new Date(this.clock.now().getTime() + INVITATION_DAYS * 86_400_000)],
      );
      await this.outbox.enqueue(manager, {
        type: 'organization-invitation',
        to: { email: invitee },
        locale: caller.account.preferredLocale,
        payload: {
          organizationName: organization.legalName,
          inviterName: caller.account.displayName,
          acceptUrl: `${this.config.PUBLIC_URL}/invitations/accept?token=${token}`,
          validDays: INVITATION_DAYS,
        },
      });
      await this.audit.recordBy(manager, caller, 'organization.invitation_sent', { type: 'organization', id: organization.id }, { invitee });
    });
  }

  /** The invited person, signed in with the invited address, joins the organization; the link works once. */
  async acceptInvitation(caller: OrganizationCaller, token: string): Promise<OrganizationEntity> {
    return runInTransaction(this.dataSource, async (manager) => {
      const rows = (await manager.query(
        `SELECT id, organization_id, email FROM organization_invitation
          WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 FOR UPDATE`,
        [tokenHash(token), this.clock.now()],
      )) as { id: string; organization_id: string; email: string }[];
      const invitation = rows[0];
      if (!invitation) throw new IdentityError(IdentityErrorCode.INVALID_OR_EXPIRED_LINK, 'This invitation is not valid: it has expired or was already used.');
      if (invitation.email !== caller.account.email) {
        throw new IdentityError(IdentityErrorCode.INVITATION_FOR_ANOTHER_ADDRESS, 'This invitation was sent to another e-mail address; sign in with that address to accept it.');
      }
      await manager.query('UPDATE organization_invitation SET accepted_at = $2, accepted_by = $3 WHERE id = $1', [invitation.id, this.clock.now(), caller.account.id]);
      await manager.query(
        'INSERT INTO organization_member (organization_id, account_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [invitation.organization_id, caller.account.id, this.clock.now()],
      );
      await this.audit.recordBy(manager, caller, 'organization.member_joined', { type: 'organization', id: invitation.organization_id });
      return manager.getRepository(OrganizationEntity).findOneOrFail({ where: { id: invitation.organization_id } });
    });
  }

  /** The members of an organization the caller may see. */
  async members(caller: OrganizationCaller, organizationId: string): Promise<{ displayName: string; email: string; joinedAt: Date }[]> {
    const organization = await this.findVisible(caller, organizationId);
    return (await this.dataSource.query(
      `SELECT a.display_name AS "displayName", a.email, m.joined_at AS "joinedAt"
         FROM organization_member m JOIN account a ON a.id = m.account_id WHERE m.organization_id = $1 ORDER BY m.joined_at`,
      [organization.id],
    )) as { displayName: string; email: string; joinedAt: Date }[];
  }

  /** An applicant registers their enterprise and becomes its first member. */
  create(caller: OrganizationCaller, input: { legalName: string; neq: string }): Promise<OrganizationEntity> {
    return runInTransaction(this.dataSource, (manager) => this.createIn(manager, caller, input));
  }

  /** `create`, inside the caller's transaction (the intake context registers the profile with it). */
  async createIn(manager: EntityManager, caller: OrganizationCaller, input: { legalName: string; neq: string }): Promise<OrganizationEntity> {
    const id = randomUUID();
    const inserted = (await manager.query(
      `INSERT INTO organization (id, legal_name, neq, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (neq) DO NOTHING RETURNING id`,
      [id, input.legalName.trim(), input.neq, caller.account.id],
    )) as { id: string }[];
    if (inserted.length === 0) {
      throw new IdentityError(IdentityErrorCode.ORGANIZATION_ALREADY_REGISTERED, 'An organization with this NEQ is already registered; ask one of its members to invite you.', { neq: input.neq });
    }
    await manager.query('INSERT INTO organization_member (organization_id, account_id, joined_at) VALUES ($1, $2, $3)', [id, caller.account.id, this.clock.now()]);
    await this.audit.recordBy(manager, caller, 'organization.created', { type: 'organization', id }, { neq: input.neq });
    return manager.getRepository(OrganizationEntity).findOneOrFail({ where: { id } });
  }

  /** Changes the legal name, inside the caller's transaction; the NEQ never changes. */
  async renameIn(manager: EntityManager, caller: OrganizationCaller, organizationId: string, legalName: string): Promise<void> {
    await manager.query('UPDATE organization SET legal_name = $2, updated_at = $3 WHERE id = $1', [organizationId, legalName.trim(), this.clock.now()]);
    await this.audit.recordBy(manager, caller, 'organization.renamed', { type: 'organization', id: organizationId });
  }

  /** Whether the account is a member of the organization. */
  async isMember(accountId: string, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM organization_member WHERE organization_id = $1 AND account_id = $2', [organizationId, accountId])) as unknown[];
    return rows.length > 0;
  }

  /** The ids of the organizations an account belongs to. */
  async memberOrganizationIds(accountId: string): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT organization_id AS id FROM organization_member WHERE account_id = $1', [accountId])) as { id: string }[];
    return rows.map((row) => row.id);
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
    const visible = isUuid(organizationId) ? await this.visibleOrNull(caller, organizationId) : null;
    if (visible) return visible;
    await this.audit.recordDenied(caller, 'organization.access_denied', { type: 'organization', id: organizationId });
    throw new IdentityError(IdentityErrorCode.ORGANIZATION_NOT_FOUND, 'No such organization.');
  }

  private async visibleOrNull(caller: OrganizationCaller, organizationId: string): Promise<OrganizationEntity | null> {
    if (caller.account.role === 'APPLICANT' && !(await this.isMember(caller.account.id, organizationId))) return null;
    return this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: organizationId } });
  }
}
