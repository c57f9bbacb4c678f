import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { AccountsService, RequestContext, normalizeEmail } from '../accounts/accounts.service';
import { AuditTrail } from '../audit/audit-trail';
import { IdentityError, IdentityErrorCode } from '../identity.error';
import { LoginThrottle } from './login-throttle';

/**
 * Sign-in, shared by the portal form and the API token endpoint: the throttle is checked
 * before the password, failures count per account and per address, every attempt is audited.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditTrail,
  ) {}

  /** The account these credentials open; throws INVALID_CREDENTIALS or TOO_MANY_LOGIN_ATTEMPTS. */
  async signIn(email: string, password: string, context: RequestContext & { channel: 'portal' | 'api' }): Promise<AccountEntity> {
    const normalized = normalizeEmail(email);
    const lockedSeconds = await this.throttle.secondsLocked(normalized, context.clientAddress);
    if (lockedSeconds > 0) {
      await this.auditAttempt(normalized, null, 'DENIED', context, { reason: 'TOO_MANY_LOGIN_ATTEMPTS' });
      throw new IdentityError(IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS, 'Too many failed sign-ins; try again later.', { retryAfterSeconds: lockedSeconds });
    }
    const account = await this.accounts.checkCredentials(normalized, password);
    if (!account) {
      await this.throttle.recordFailure(normalized, context.clientAddress);
      await this.auditAttempt(normalized, null, 'FAILURE', context, { reason: 'INVALID_CREDENTIALS' });
      throw new IdentityError(IdentityErrorCode.INVALID_CREDENTIALS, 'The e-mail address or the password is not correct, or the account is not active.');
    }
    await this.throttle.clear(normalized);
    await this.auditAttempt(normalized, account.id, 'SUCCESS', context, {});
    return account;
  }

  /** The account behind a session or a token, if it still exists and is active. */
  async activeAccount(accountId: string): Promise<AccountEntity | null> {
    const account = await this.dataSource.getRepository(AccountEntity).findOne({ where: { id: accountId } });
    return account?.status === 'ACTIVE' ? account : null;
  }

  private auditAttempt(email: string, accountId: string | null, outcome: 'SUCCESS' | 'FAILURE' | 'DENIED', context: RequestContext & { channel: string }, details: Record<string, unknown>) {
    return this.audit.recordAlone({
      actor: { accountId, label: email },
      action: 'auth.login',
      object: accountId ? { type: 'account', id: accountId } : undefined,
      outcome,
      clientAddress: context.clientAddress,
      details: { channel: context.channel, ...details },
    });
  }
}
