import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@fa/shared';
import { OutboxQueries } from '@fa/notifications';
import { AccountEntity } from './account.entity';

/**
 * Everything the platform holds about a person (Québec's access act: a person may obtain
 * their personal information). Secrets are left out: the password hash and unused link tokens
 * are not information about the person but keys to their account.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxQueries,
    private readonly clock: Clock,
  ) {}

  async export(accountId: string) {
    const account = await this.dataSource.getRepository(AccountEntity).findOneOrFail({ where: { id: accountId } });
    const organizations = (await this.dataSource.query(
      `SELECT o.id, o.legal_name AS "legalName", o.neq, m.joined_at AS "joinedAt"
         FROM organization_member m JOIN organization o ON o.id = m.organization_id WHERE m.account_id = $1 ORDER BY m.joined_at`,
      [accountId],
    )) as object[];
    const auditEvents = (await this.dataSource.query(
      `SELECT occurred_at AS "occurredAt", action, outcome, client_address AS "clientAddress", object_type AS "objectType", object_id AS "objectId"
         FROM audit_event WHERE actor_account_id = $1 OR (object_type = 'account' AND object_id = $2) OR actor_label = $3 ORDER BY chain_position`,
      [accountId, accountId, account.email],
    )) as object[];
    const mails = (await this.outbox.listForRecipient(account.email)).map((mail) => ({
      type: mail.type,
      language: mail.locale,
      queuedAt: mail.createdAt,
      status: mail.status,
      sentAt: mail.sentAt,
    }));
    const sessions = (await this.dataSource.query(
      `SELECT count(*)::int AS open FROM portal_session WHERE sess->>'accountId' = $1 AND expire > now()`,
      [accountId],
    )) as { open: number }[];
    return {
      exportedAt: this.clock.now().toISOString(),
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        preferredLocale: account.preferredLocale,
        role: account.role,
        status: account.status,
        createdAt: account.createdAt,
        emailVerifiedAt: account.emailVerifiedAt,
        passwordChangedAt: account.passwordChangedAt,
        disabledAt: account.disabledAt,
      },
      organizations,
      openPortalSessions: sessions[0].open,
      mails,
      auditEvents,
    };
  }
}
