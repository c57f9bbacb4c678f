import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { DevSmtpServer } from '@fa/notifications';
import { AccountsService } from '@fa/identity';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, startWorker, testConfig } from '../support/test-apps';
import { apiClient } from '../support/http-client';
import { createActiveAccount } from '../support/accounts';

const PASSWORD = 'érable rouge au printemps 2026';

describe('authentication API', () => {
  let db: TestDatabase;
  let smtp: DevSmtpServer;
  let worker: INestApplicationContext;
  let first: RunningServer;
  let second: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = new DevSmtpServer({ port: 0 });
    await smtp.start();
    const config = testConfig(db.url, { SMTP_PORT: String(smtp.port), LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'true', PUBLIC_URL: 'https://fonds.example.qc.ca' });
    // Two server processes' worth of state: two apps on one database, as behind a load balancer.
    first = await startServer(config);
    second = await startServer(config);
    worker = await startWorker(config);
  });

  afterAll(async () => {
    await worker?.close();
    await first?.close();
    await second?.close();
    await smtp?.stop();
    await db?.drop();
  });

  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  it('registers, verifies through the mailed link, issues a token and answers /me', async () => {
    const api = apiClient(first.url);
    const registered = await api.post('/api/v1/auth/register', { email: 'Sam@PME.example', displayName: 'Sam Gagnon', preferredLocale: 'en', password: PASSWORD });
    expect(registered).toMatchObject({ status: 202, body: { status: 'VERIFICATION_SENT' } });

    const mail = await simpleParser((await smtp.waitFor((received) => received.to.includes('sam@pme.example'))).raw);
    const token = mail.text?.match(/verify-email\?token=([A-Za-z0-9_-]{43})/)?.[1];
    expect(mail.subject).toBe('Confirm your e-mail address — Acceleration Fund');

    await expect(api.post('/api/v1/auth/token', { email: 'sam@pme.example', password: PASSWORD }, from('198.51.100.1'))).resolves.toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    await expect(api.post('/api/v1/auth/verify', { token })).resolves.toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
    await expect(api.post('/api/v1/auth/verify', { token })).resolves.toMatchObject({ status: 400, body: { code: 'INVALID_OR_EXPIRED_LINK' } });

    const issued = await apiClient(second.url).post('/api/v1/auth/token', { email: 'SAM@pme.example', password: PASSWORD }, from('198.51.100.1'));
    expect(issued).toMatchObject({ status: 200, body: { tokenType: 'Bearer', expiresIn: 900 } });
    const accessToken = issued.body.accessToken as string;
    await expect(api.get('/api/v1/me', { token: accessToken })).resolves.toMatchObject({
      status: 200,
      body: { email: 'sam@pme.example', displayName: 'Sam Gagnon', role: 'APPLICANT', preferredLocale: 'en' },
    });
  });

  it('refuses /me without a token (401), with a forged one (401), and once the account is disabled (401)', async () => {
    const api = apiClient(first.url);
    await expect(api.get('/api/v1/me')).resolves.toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    await expect(api.get('/api/v1/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' })).resolves.toMatchObject({ status: 401 });
    const issued = await api.post('/api/v1/auth/token', { email: 'sam@pme.example', password: PASSWORD }, from('198.51.100.2'));
    const accounts = first.app.get(AccountsService);
    const account = await accounts.findByEmail('sam@pme.example');
    await accounts.disable(account!.id, { accountId: null, label: 'test' }, { clientAddress: null });
    await expect(api.get('/api/v1/me', { token: issued.body.accessToken as string })).resolves.toMatchObject({ status: 401 });
  });

  it('refuses bad input with the fields at fault, writing nothing', async () => {
    const api = apiClient(first.url);
    const response = await api.post('/api/v1/auth/register', { email: 'not-an-email', displayName: '', preferredLocale: 'de', password: 'x', role: 'ADMINISTRATOR' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.details as { fields: { field: string }[] }).fields.map((field) => field.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'preferredLocale', 'role']);
    const weak = await api.post('/api/v1/auth/register', { email: 'weak@pme.example', displayName: 'Weak', preferredLocale: 'fr', password: 'Password1234' });
    expect(weak).toMatchObject({ status: 400, body: { code: 'PASSWORD_TOO_COMMON' } });
    expect(await db.query("SELECT 1 FROM account WHERE email IN ('not-an-email', 'weak@pme.example')")).toEqual([]);
  });

  describe('failed sign-ins, counted across both servers', () => {
    beforeAll(async () => {
      for (const email of ['victim@pme.example', 'bystander@pme.example']) await createActiveAccount(first.app, { email, role: 'APPLICANT', password: PASSWORD });
    });

    it('locks an account after 3 failures from anywhere, even for the right password, with Retry-After', async () => {
      const servers = [first, second, first];
      for (const [index, server] of servers.entries()) {
        const attempt = await apiClient(server.url).post('/api/v1/auth/token', { email: 'victim@pme.example', password: `wrong guess ${index}` }, from(`203.0.113.${index + 10}`));
        expect(attempt).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
      }
      const locked = await apiClient(second.url).post('/api/v1/auth/token', { email: 'victim@pme.example', password: PASSWORD }, from('203.0.113.99'));
      expect(locked).toMatchObject({ status: 429, body: { code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'Trop de tentatives de connexion échouées. Réessayez dans 15 minutes.' } });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      // Another account is not affected by the victim's lock.
      await expect(apiClient(first.url).post('/api/v1/auth/token', { email: 'bystander@pme.example', password: PASSWORD }, from('203.0.113.99'))).resolves.toMatchObject({ status: 200 });
    });

    it('locks a client address after 3 failures across accounts', async () => {
      for (const email of ['nobody-1@pme.example', 'nobody-2@pme.example', 'nobody-3@pme.example']) {
        await apiClient(second.url).post('/api/v1/auth/token', { email, password: 'a wrong password' }, from('192.0.2.66'));
      }
      await expect(apiClient(first.url).post('/api/v1/auth/token', { email: 'bystander@pme.example', password: PASSWORD }, from('192.0.2.66'))).resolves.toMatchObject({ status: 429 });
      await expect(apiClient(first.url).post('/api/v1/auth/token', { email: 'bystander@pme.example', password: PASSWORD }, from('192.0.2.67'))).resolves.toMatchObject({ status: 200 });
    });

    it('records every attempt in the audit trail, with the address and never the password', async () => {
      const attempts = await db.query<{ outcome: string; client_address: string }>(
        "SELECT outcome, client_address FROM audit_event WHERE action = 'auth.login' AND actor_label = 'victim@pme.example' ORDER BY chain_position",
      );
      expect(attempts.map((row) => row.outcome)).toEqual(['FAILURE', 'FAILURE', 'FAILURE', 'DENIED']);
      expect(attempts[0].client_address).toBe('203.0.113.10');
      expect(JSON.stringify(await db.query('SELECT details FROM audit_event'))).not.toMatch(/wrong guess|érable/);
    });
  });
});
