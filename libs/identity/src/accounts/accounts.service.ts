import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, Locale, isUuid, runInTransaction } from '@fa/shared';
import { Outbox } from '@fa/notifications';
import { AuditActor, AuditTrail } from '../audit/audit-trail';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblems } from '../passwords/password-policy';
import { SingleUseTokens, TOKEN_LIFETIME_MINUTES } from '../tokens/single-use-token';
import { AccountEntity } from './account.entity';
import { Role, STAFF_ROLES } from './role';

export interface RequestContext {
  clientAddress: string | null;
}

export interface RegisterApplicantInput {
  email: string;
  displayName: string;
  preferredLocale: Locale;
  password: string;
}

export interface CreateStaffInput {
  email: string;
  displayName: string;
  preferredLocale: Locale;
  role: Role;
}

/** A hash of a random password, verified when the account does not exist so timing reveals nothing. */
const ABSENT_ACCOUNT_HASH = '$argon2id$v=19$m=19456,t=2,p=1$siLRYdmUPZpNGltOOOa7gw$9yZAvib21+r9TW4VKXM+92pnSi9GTfy061jxAjXfjvA';

export function normalizeEmail(email: string): string {
  // NUL cannot be stored or compared in a text column: it is never part of an address.
  return email.replaceAll('\u0000', '').trim().toLowerCase().slice(0, 320);
}

/**
 * Accounts: applicants register themselves and verify their address; administrators create
 * staff, who choose their password through a set-up link; accounts can be disabled. Every
 * change writes its audit entry and its mail in the same transaction.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SingleUseTokens,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registers an applicant and mails a verification link. An address already registered gets
   * the same answer (no account enumeration); its owner is told by mail instead.
   */
  async registerApplicant(input: RegisterApplicantInput, context: RequestContext): Promise<void> {
    const email = normalizeEmail(input.email);
    assertPasswordAcceptable(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    await runInTransaction(this.dataSource, async (manager) => {
      const id = randomUUID();
      const inserted = (await manager.query(
        `INSERT INTO account (id, email, display_name, preferred_locale, role, status, password_hash, password_changed_at)
         VALUES ($1, $2, $3, $4, 'APPLICANT', 'PENDING_VERIFICATION', $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [id, email, input.displayName.trim(), input.preferredLocale, passwordHash, this.clock.now()],
      )) as { id: string }[];
      if (inserted.length === 0) return this.noticeDuplicateRegistration(manager, email, context);
      const token = await this.tokens.issue(manager, id, 'EMAIL_VERIFICATION');
      await this.outbox.enqueue(manager, {
        type: 'email-verification',
        to: { email, name: input.displayName.trim() },
        locale: input.preferredLocale,
        payload: { verifyUrl: `${this.config.PUBLIC_URL}/verify-email?token=${token}`, validHours: TOKEN_LIFETIME_MINUTES.EMAIL_VERIFICATION / 60 },
      });
      await this.recordAccountEvent(manager, id, 'account.registered', { accountId: id, label: email }, context, { role: 'APPLICANT', preferredLocale: input.preferredLocale });
    });
  }

  /** Activates the account of a verification link; the link works once. */
  async verifyEmail(token: string, context: RequestContext): Promise<AccountEntity> {
    return runInTransaction(this.dataSource, async (manager) => {
      const accountId = await this.tokens.consume(manager, token, 'EMAIL_VERIFICATION');
      if (!accountId) throw invalidLink();
      await manager.query(
        `UPDATE account SET status = CASE WHEN status = 'PENDING_VERIFICATION' THEN 'ACTIVE' ELSE status END,
                email_verified_at = coalesce(email_verified_at, $2), updated_at = $2 WHERE id = $1`,
        [accountId, this.clock.now()],
      );
      const account = await this.findOrFail(manager, accountId);
      await this.recordAccountEvent(manager, accountId, 'account.email_verified', { accountId, label: account.email }, context);
      return account;
    });
  }

  /** Creates a staff account and mails its holder a link to choose a password. Returns that link too, for the CLI. */
  async createStaff(input: CreateStaffInput, actor: AuditActor, context: RequestContext): Promise<{ accountId: string; setupUrl: string }> {
    if (!STAFF_ROLES.includes(input.role)) {
      throw new IdentityError(IdentityErrorCode.NOT_A_STAFF_ROLE, `"${input.role}" is not a staff role; applicants register themselves.`);
    }
    const email = normalizeEmail(input.email);
    return runInTransaction(this.dataSource, async (manager) => {
      const accountId = randomUUID();
      const inserted = (await manager.query(
        `INSERT INTO account (id, email, display_name, preferred_locale, role, status)
         VALUES ($1, $2, $3, $4, $5, 'PENDING_VERIFICATION') ON CONFLICT (email) DO NOTHING RETURNING id`,
        [accountId, email, input.displayName.trim(), input.preferredLocale, input.role],
      )) as { id: string }[];
      if (inserted.length === 0) {
        throw new IdentityError(IdentityErrorCode.EMAIL_ALREADY_REGISTERED, 'An account already uses this e-mail address.', { email });
      }
      const token = await this.tokens.issue(manager, accountId, 'ACCOUNT_SETUP');
      const setupUrl = `${this.config.PUBLIC_URL}/account-setup?token=${token}`;
      await this.outbox.enqueue(manager, {
        type: 'account-setup',
        to: { email, name: input.displayName.trim() },
        locale: input.preferredLocale,
        payload: { setupUrl, roleKey: `roles.${input.role}`, validHours: TOKEN_LIFETIME_MINUTES.ACCOUNT_SETUP / 60 },
      });
      await this.recordAccountEvent(manager, accountId, 'account.created', actor, context, { role: input.role, email });
      return { accountId, setupUrl };
    });
  }

  /** A staff member chooses a password through the set-up link, which also proves the address. */
  async completeAccountSetup(token: string, password: string, context: RequestContext): Promise<AccountEntity> {
    return runInTransaction(this.dataSource, async (manager) => {
      const accountId = await this.tokens.consume(manager, token, 'ACCOUNT_SETUP');
      if (!accountId) throw invalidLink();
      const account = await this.findOrFail(manager, accountId);
      assertPasswordAcceptable(password, account.email);
      const now = this.clock.now();
      await manager.query(
        `UPDATE account SET password_hash = $2, password_changed_at = $3, email_verified_at = coalesce(email_verified_at, $3),
                status = CASE WHEN status = 'PENDING_VERIFICATION' THEN 'ACTIVE' ELSE status END, updated_at = $3 WHERE id = $1`,
        [accountId, await this.hasher.hash(password), now],
      );
      await this.recordAccountEvent(manager, accountId, 'account.setup_completed', { accountId, label: account.email }, context);
      return this.findOrFail(manager, accountId);
    });
  }

  /**
   * Mails a single-use reset link (valid one hour) when the address belongs to an active account.
   * The answer is the same either way, so the form reveals no account.
   */
  async requestPasswordReset(email: string, context: RequestContext): Promise<void> {
    const account = await this.findByEmail(email);
    if (!account || account.status !== 'ACTIVE') return;
    await runInTransaction(this.dataSource, async (manager) => {
      const token = await this.tokens.issue(manager, account.id, 'PASSWORD_RESET');
      await this.outbox.enqueue(manager, {
        type: 'password-reset',
        to: { email: account.email, name: account.displayName },
        locale: account.preferredLocale,
        payload: { resetUrl: `${this.config.PUBLIC_URL}/password-reset/complete?token=${token}`, validMinutes: TOKEN_LIFETIME_MINUTES.PASSWORD_RESET },
      });
      await this.recordAccountEvent(manager, account.id, 'account.password_reset_requested', { accountId: null, label: account.email }, context);
    });
  }

  /** Sets a new password through a reset link; every session of the account ends. */
  async completePasswordReset(token: string, password: string, context: RequestContext): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const accountId = await this.tokens.consume(manager, token, 'PASSWORD_RESET');
      if (!accountId) throw invalidLink();
      const account = await this.findOrFail(manager, accountId);
      assertPasswordAcceptable(password, account.email);
      await this.storePassword(manager, accountId, await this.hasher.hash(password));
      await endSessions(manager, accountId);
      await this.recordAccountEvent(manager, accountId, 'account.password_reset', { accountId, label: account.email }, context);
    });
  }

  /** A signed-in person changes their password: their other sessions end, the current one (if any) stays. */
  async changePassword(accountId: string, current: string, next: string, context: RequestContext & { keepSessionId?: string }): Promise<void> {
    const account = await this.dataSource.getRepository(AccountEntity).findOneOrFail({ where: { id: accountId } });
    if (!(await this.checkCredentials(account.email, current))) {
      throw new IdentityError(IdentityErrorCode.CURRENT_PASSWORD_INCORRECT, 'The current password is not correct.');
    }
    assertPasswordAcceptable(next, account.email);
    const hash = await this.hasher.hash(next);
    await runInTransaction(this.dataSource, async (manager) => {
      await this.storePassword(manager, accountId, hash);
      await endSessions(manager, accountId, context.keepSessionId);
      await this.recordAccountEvent(manager, accountId, 'account.password_changed', { accountId, label: account.email }, context);
    });
  }

  /**
   * Gives a staff member another staff role (applicants keep theirs: an SME is not staff). The
   * change applies from the person's next request, since every request re-reads the account.
   */
  async changeRole(accountId: string, role: Role, actor: AuditActor, context: RequestContext): Promise<void> {
    if (!STAFF_ROLES.includes(role)) throw new IdentityError(IdentityErrorCode.NOT_A_STAFF_ROLE, `"${role}" is not a staff role.`);
    if (actor.accountId === accountId) throw new IdentityError(IdentityErrorCode.CANNOT_CHANGE_OWN_ROLE, 'An administrator cannot change their own role.');
    await runInTransaction(this.dataSource, async (manager) => {
      const account = await this.findOrFail(manager, accountId);
      if (!STAFF_ROLES.includes(account.role)) throw new IdentityError(IdentityErrorCode.NOT_A_STAFF_ROLE, 'An applicant account cannot be given a staff role.');
      if (account.role === role) return;
      await manager.query('UPDATE account SET role = $2, updated_at = $3 WHERE id = $1', [accountId, role, this.clock.now()]);
      await this.recordAccountEvent(manager, accountId, 'account.role_changed', actor, context, { email: account.email, from: account.role, to: role });
    });
  }

  /** Disables an account: it can no longer sign in, and its sessions end. */
  async disable(accountId: string, actor: AuditActor, context: RequestContext): Promise<void> {
    if (!isUuid(accountId)) throw accountNotFound();
    if (actor.accountId === accountId) throw new IdentityError(IdentityErrorCode.CANNOT_DISABLE_SELF, 'An administrator cannot disable their own account.');
    await runInTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const updated = (await manager.query(
        `UPDATE account SET status = 'DISABLED', disabled_at = $2, updated_at = $2 WHERE id = $1 AND status <> 'DISABLED' RETURNING email`,
        [accountId, now],
      )) as [{ email: string }[], number];
      if (updated[0].length === 0) {
        await this.findOrFail(manager, accountId);
        return;
      }
      await endSessions(manager, accountId);
      await this.recordAccountEvent(manager, accountId, 'account.disabled', actor, context, { email: updated[0][0].email });
    });
  }

  /**
   * The active account these credentials open, or null. The password is always checked, even
   * when no account has this address, so the answer time does not reveal which accounts exist.
   */
  async checkCredentials(email: string, password: string): Promise<AccountEntity | null> {
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .createQueryBuilder('account')
      .addSelect('account.passwordHash')
      .where('account.email = :email', { email: normalizeEmail(email) })
      .getOne();
    const matches = await this.hasher.verify(account?.passwordHash ?? ABSENT_ACCOUNT_HASH, password);
    return account && matches && account.status === 'ACTIVE' ? account : null;
  }

  /** Accounts for administrators: staff first, then applicants, each by e-mail. */
  list(filter: { role?: Role; limit?: number } = {}): Promise<AccountEntity[]> {
    return this.dataSource.getRepository(AccountEntity).find({
      where: filter.role ? { role: filter.role } : {},
      order: { role: 'ASC', email: 'ASC' },
      take: Math.min(filter.limit ?? 200, 1000),
    });
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOne({ where: { email: normalizeEmail(email) } });
  }

  private async noticeDuplicateRegistration(manager: EntityManager, email: string, context: RequestContext): Promise<void> {
    const existing = await manager.getRepository(AccountEntity).findOneOrFail({ where: { email } });
    await this.outbox.enqueue(manager, {
      type: 'registration-existing-account',
      to: { email, name: existing.displayName },
      locale: existing.preferredLocale,
      payload: { resetUrl: `${this.config.PUBLIC_URL}/password-reset` },
    });
    await this.audit.record(manager, {
      actor: { accountId: null, label: email },
      action: 'account.registration_refused',
      object: { type: 'account', id: existing.id },
      outcome: 'FAILURE',
      clientAddress: context.clientAddress,
      details: { reason: 'EMAIL_ALREADY_REGISTERED' },
    });
  }

  private async storePassword(manager: EntityManager, accountId: string, hash: string): Promise<void> {
    await manager.query('UPDATE account SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1', [accountId, hash, this.clock.now()]);
  }

  /** An audit entry about an account, in the transaction of the change it records. */
  private recordAccountEvent(manager: EntityManager, accountId: string, action: string, actor: AuditActor, context: RequestContext, details?: Record<string, unknown>) {
    return this.audit.record(manager, { actor, action, object: { type: 'account', id: accountId }, outcome: 'SUCCESS', clientAddress: context.clientAddress, details });
  }

  /** An account by id, or null (also for a value that cannot be an id). */
  findById(accountId: string): Promise<AccountEntity | null> {
    return isUuid(accountId) ? this.dataSource.getRepository(AccountEntity).findOne({ where: { id: accountId } }) : Promise.resolve(null);
  }

  private async findOrFail(manager: EntityManager, accountId: string): Promise<AccountEntity> {
    const account = isUuid(accountId) ? await manager.getRepository(AccountEntity).findOne({ where: { id: accountId } }) : null;
    if (!account) throw accountNotFound();
    return account;
  }
}

function assertPasswordAcceptable(password: string, email: string): void {
  const problems = passwordProblems(password, { email });
  if (problems.length > 0) {
    throw new IdentityError(IdentityErrorCode[problems[0]], 'The password does not meet the rules.', { field: 'password', problems });
  }
}

/** Ends the portal sessions of an account (all, or all but one). */
async function endSessions(manager: EntityManager, accountId: string, keepSessionId?: string): Promise<void> {
  await manager.query("DELETE FROM portal_session WHERE sess->>'accountId' = $1 AND sid <> $2", [accountId, keepSessionId ?? '']);
}

function accountNotFound(): IdentityError {
  return new IdentityError(IdentityErrorCode.ACCOUNT_NOT_FOUND, 'No such account.');
}

function invalidLink(): IdentityError {
  return new IdentityError(IdentityErrorCode.INVALID_OR_EXPIRED_LINK, 'This link is not valid: it has expired, has already been used, or was replaced by a newer one.');
}
