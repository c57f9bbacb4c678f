import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { FixedClock } from '@fa/shared';
import { DevSmtpServer } from '@fa/notifications';
import { AccountsService, AuditTrail } from '@fa/identity';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, startWorker, testConfig } from '../support/test-apps';
import { apiClient } from '../support/http-client';

const PASSWORD = 'érable rouge au printemps 2026';
const context = { clientAddress: '203.0.113.7' };

describe('accounts', () => {
  let db: TestDatabase;
  let smtp: DevSmtpServer;
  let server: RunningServer;
  let worker: INestApplicationContext;
  let accounts: AccountsService;
  const clock = new FixedClock(new Date('2026-11-22T15:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = new DevSmtpServer({ port: 0 });
    await smtp.start();
    const config = testConfig(db.url, { SMTP_PORT: String(smtp.port), PUBLIC_URL: 'https://fonds.example.qc.ca' });
    server = await startServer(config, clock);
    worker = await startWorker(config);
    accounts = server.app.get(AccountsService);
  });

  afterAll(async () => {
    await worker?.close();
    await server?.close();
    await smtp?.stop();
    await db?.drop();
  });

  /** The link of the last mail received by `email`, read from its text body. */
  const linkMailedTo = async (email: string, path: string) => {
    const mail = await smtp.waitFor((received) => received.to.includes(email) && received.raw.includes(path));
    const parsed = await simpleParser(mail.raw);
    const link = parsed.text?.match(new RegExp(`https://fonds\\.example\\.qc\\.ca${path}\\?token=([A-Za-z0-9_-]+)`));
    if (!link) throw new Error(`No ${path} link in the mail to ${email}:\n${parsed.text}`);
    return { token: link[1], subject: parsed.subject, text: parsed.text ?? '' };
  };

  it('registers an applicant, mails a verification link in their language, and activates the account once', async () => {
    await accounts.registerApplicant({ email: ' Marie.Tremblay@Example.org ', displayName: 'Marie Tremblay', preferredLocale: 'fr', password: PASSWORD }, context);
    expect(await db.query("SELECT email, role, status FROM account WHERE email = 'marie.tremblay@example.org'")).toEqual([
      { email: 'marie.tremblay@example.org', role: 'APPLICANT', status: 'PENDING_VERIFICATION' },
    ]);
    await expect(accounts.checkCredentials('marie.tremblay@example.org', PASSWORD)).resolves.toBeNull();

    const { token, subject, text } = await linkMailedTo('marie.tremblay@example.org', '/verify-email');
    expect(subject).toBe('Confirmez votre adresse courriel — Fonds Accélération');
    expect(text).toContain('Bonjour Marie Tremblay,');
    await expect(accounts.verifyEmail(token, context)).resolves.toMatchObject({ status: 'ACTIVE' });
    await expect(accounts.verifyEmail(token, context)).rejects.toMatchObject({ code: 'INVALID_OR_EXPIRED_LINK' });

    await expect(accounts.checkCredentials('MARIE.TREMBLAY@example.org', PASSWORD)).resolves.toMatchObject({ email: 'marie.tremblay@example.org' });
    await expect(accounts.checkCredentials('marie.tremblay@example.org', 'érable rouge au printemps 2025')).resolves.toBeNull();
    const actions = await db.query<{ action: string; client_address: string }>("SELECT action, client_address FROM audit_event WHERE actor_label = 'marie.tremblay@example.org' ORDER BY chain_position");
    expect(actions).toEqual([
      { action: 'account.registered', client_address: '203.0.113.7' },
      { action: 'account.email_verified', client_address: '203.0.113.7' },
    ]);
    expect(JSON.stringify(await db.query('SELECT * FROM audit_event'))).not.toContain(token);
  });

  it('answers a second registration of the same address the same way, and tells the owner by mail', async () => {
    await accounts.registerApplicant({ email: 'pme@example.com', displayName: 'First', preferredLocale: 'en', password: PASSWORD }, context);
    await expect(
      accounts.registerApplicant({ email: 'PME@example.com', displayName: 'Intruder', preferredLocale: 'fr', password: 'another long passphrase' }, context),
    ).resolves.toBeUndefined();
    expect(await db.query("SELECT display_name FROM account WHERE email = 'pme@example.com'")).toEqual([{ display_name: 'First' }]);
    const notice = await smtp.waitFor((mail) => mail.to.includes('pme@example.com') && mail.raw.includes('/password-reset'));
    expect((await simpleParser(notice.raw)).subject).toBe('Someone tried to register with your address — Acceleration Fund');
  });

  it.each([
    ['short1!', 'PASSWORD_TOO_SHORT'],
    ['qwerty123456', 'PASSWORD_TOO_COMMON'],
    ['jean.roy-motdepasse', 'PASSWORD_CONTAINS_IDENTITY'],
  ])('refuses the password %p with %s and writes nothing', async (password, code) => {
    await expect(accounts.registerApplicant({ email: 'jean.roy@example.org', displayName: 'Jean Roy', preferredLocale: 'fr', password }, context)).rejects.toMatchObject({ code });
    expect(await db.query("SELECT 1 FROM account WHERE email = 'jean.roy@example.org'")).toEqual([]);
    expect(await db.query("SELECT 1 FROM outbox_event WHERE recipient_email = 'jean.roy@example.org'")).toEqual([]);
  });

  it('lets a verification link expire after 24 hours', async () => {
    await accounts.registerApplicant({ email: 'late@example.org', displayName: 'Late', preferredLocale: 'fr', password: PASSWORD }, context);
    const { token } = await linkMailedTo('late@example.org', '/verify-email');
    clock.set(new Date('2026-11-23T15:00:01Z'));
    try {
      await expect(accounts.verifyEmail(token, context)).rejects.toMatchObject({ code: 'INVALID_OR_EXPIRED_LINK' });
    } finally {
      clock.set(new Date('2026-11-22T15:00:00Z'));
    }
  });

  it('creates staff, who choose a password through a mailed link; a disabled account no longer signs in', async () => {
    const admin = { accountId: null, label: 'cli (ops)' };
    const { accountId } = await accounts.createStaff({ email: 'analyste@iq.example', displayName: 'Ana Lyste', preferredLocale: 'en', role: 'REVIEWER' }, admin, context);
    const { token, text } = await linkMailedTo('analyste@iq.example', '/account-setup');
    expect(text).toContain('with the role "Reviewer"');
    await expect(accounts.completeAccountSetup(token, 'qwerty123456', context)).rejects.toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
    // The refused attempt rolled back: the link still works.
    await expect(accounts.completeAccountSetup(token, PASSWORD, context)).resolves.toMatchObject({ role: 'REVIEWER', status: 'ACTIVE' });
    await expect(accounts.checkCredentials('analyste@iq.example', PASSWORD)).resolves.toMatchObject({ id: accountId });

    await accounts.disable(accountId, admin, context);
    await expect(accounts.checkCredentials('analyste@iq.example', PASSWORD)).resolves.toBeNull();
    await expect(accounts.disable(accountId, { accountId, label: 'analyste@iq.example' }, context)).rejects.toMatchObject({ code: 'CANNOT_DISABLE_SELF' });
    // A value that cannot be an id is an unknown account, not a database error.
    await expect(accounts.disable('not-an-id', admin, context)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await expect(accounts.changeRole('not-an-id', 'AUDITOR', admin, context)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await expect(
      accounts.createStaff({ email: 'x@iq.example', displayName: 'X', preferredLocale: 'fr', role: 'APPLICANT' }, admin, context),
    ).rejects.toMatchObject({ code: 'NOT_A_STAFF_ROLE' });
    await expect(
      accounts.createStaff({ email: 'ANALYSTE@iq.example', displayName: 'Again', preferredLocale: 'fr', role: 'AUDITOR' }, admin, context),
    ).rejects.toMatchObject({ code: 'EMAIL_ALREADY_REGISTERED' });
  });

  it('changes a staff role, effective at the next request, and audits from and to', async () => {
    const admin = { accountId: null, label: 'cli (ops)' };
    const { accountId, setupUrl } = await accounts.createStaff({ email: 'mobile@iq.example', displayName: 'Mo Bile', preferredLocale: 'fr', role: 'REVIEWER' }, admin, context);
    await accounts.completeAccountSetup(new URL(setupUrl).searchParams.get('token')!, PASSWORD, context);
    const api = apiClient(server.url);
    const token = (await api.post('/api/v1/auth/token', { email: 'mobile@iq.example', password: PASSWORD })).body.accessToken as string;
    await expect(api.get('/api/v1/audit-events', { token })).resolves.toMatchObject({ status: 403 });
    await accounts.changeRole(accountId, 'AUDITOR', admin, context);
    await expect(api.get('/api/v1/audit-events', { token })).resolves.toMatchObject({ status: 200 });
    expect(await db.query("SELECT details FROM audit_event WHERE action = 'account.role_changed'")).toEqual([{ details: { email: 'mobile@iq.example', from: 'REVIEWER', to: 'AUDITOR' } }]);

    await expect(accounts.changeRole(accountId, 'APPLICANT' as never, admin, context)).rejects.toMatchObject({ code: 'NOT_A_STAFF_ROLE' });
    await expect(accounts.changeRole(accountId, 'APPROVER', { accountId, label: 'mobile@iq.example' }, context)).rejects.toMatchObject({ code: 'CANNOT_CHANGE_OWN_ROLE' });
    const applicant = await accounts.findByEmail('marie.tremblay@example.org');
    await expect(accounts.changeRole(applicant!.id, 'ADMINISTRATOR', admin, context)).rejects.toMatchObject({ code: 'NOT_A_STAFF_ROLE' });
  });

  it('keeps the audit chain valid through all of it', async () => {
    await expect(server.app.get(AuditTrail).verifyChain()).resolves.toMatchObject({ valid: true });
  });
});
