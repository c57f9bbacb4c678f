import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { DevSmtpServer } from '@fa/notifications';
import { AccountsService } from '@fa/identity';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, startWorker, testConfig } from '../support/test-apps';
import { portalClient } from '../support/portal-client';
import { createActiveAccount } from '../support/accounts';

const FIRST = 'érable rouge au printemps 2026';
const SECOND = 'les outardes reviennent en avril';
const THIRD = 'une tuque bleue pour la Saint-Jean';
const EMAIL = 'chloe@sante-ia.example';

describe('passwords and sessions', () => {
  let db: TestDatabase;
  let smtp: DevSmtpServer;
  let server: RunningServer;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = new DevSmtpServer({ port: 0 });
    await smtp.start();
    const config = testConfig(db.url, { SMTP_PORT: String(smtp.port), PUBLIC_URL: 'https://fonds.example.qc.ca' });
    server = await startServer(config);
    worker = await startWorker(config);
    await createActiveAccount(server.app, { email: EMAIL, role: 'APPLICANT', displayName: 'Chloé Roy', password: FIRST });
  });

  afterAll(async () => {
    await worker?.close();
    await server?.close();
    await smtp?.stop();
    await db?.drop();
  });

  const signIn = async (password: string) => {
    const browser = portalClient(server.url);
    const form = await browser.get('/login');
    const response = await browser.post('/login', { _csrf: browser.csrfOf(form.html), email: EMAIL, password });
    return { browser, status: response.status };
  };
  const signedIn = async (browser: ReturnType<typeof portalClient>) => (await browser.get('/')).html.includes('Connecté : Chloé Roy');
  const sessions = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM portal_session WHERE sess->>'accountId' IS NOT NULL"))[0].n;

  it('resets a forgotten password through a mailed link, ending every session of the account', async () => {
    const elsewhere = (await signIn(FIRST)).browser;
    expect(await signedIn(elsewhere)).toBe(true);

    const visitor = portalClient(server.url);
    const form = await visitor.get('/password-reset');
    const sent = await visitor.post('/password-reset', { _csrf: visitor.csrfOf(form.html), email: EMAIL.toUpperCase() });
    expect(sent.html).toContain('Vérifiez vos courriels');
    const mail = await simpleParser((await smtp.waitFor((received) => received.to.includes(EMAIL) && received.raw.includes('password-reset/complete'))).raw);
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe — Fonds Accélération');
    const token = mail.text!.match(/password-reset\/complete\?token=([A-Za-z0-9_-]{43})/)![1];

    const page = await visitor.get(`/password-reset/complete?token=${token}`);
    const weak = await visitor.post('/password-reset/complete', { _csrf: visitor.csrfOf(page.html), token, password: 'qwerty123456', passwordConfirmation: 'qwerty123456' });
    expect(weak.status).toBe(400);
    const done = await visitor.post('/password-reset/complete', { _csrf: visitor.csrfOf(weak.html), token, password: SECOND, passwordConfirmation: SECOND });
    expect(done.html).toContain('Mot de passe changé');

    expect(await signedIn(elsewhere)).toBe(false);
    expect(await sessions()).toBe(0);
    expect((await signIn(FIRST)).status).toBe(401);
    expect((await signIn(SECOND)).status).toBe(303);
    const again = await visitor.get(`/password-reset/complete?token=${token}`);
    const reused = await visitor.post('/password-reset/complete', { _csrf: visitor.csrfOf(again.html), token, password: THIRD, passwordConfirmation: THIRD });
    expect([reused.status, reused.html.match(/<h1>[^<]*<\/h1>/)?.[0]]).toEqual([400, '<h1>Lien non valide</h1>']);
  });

  it('answers a reset request for an unknown address the same way, and mails nothing', async () => {
    const visitor = portalClient(server.url);
    const form = await visitor.get('/password-reset');
    const sent = await visitor.post('/password-reset', { _csrf: visitor.csrfOf(form.html), email: 'nobody@nowhere.example' });
    expect(sent.html).toContain('Vérifiez vos courriels');
    expect(await db.query("SELECT 1 FROM outbox_event WHERE recipient_email = 'nobody@nowhere.example'")).toEqual([]);
  });

  it('changes the password of a signed-in person, keeping this session and ending the others', async () => {
    await db.query('DELETE FROM portal_session');
    const here = (await signIn(SECOND)).browser;
    const there = (await signIn(SECOND)).browser;
    const form = await here.get('/account/password');
    const wrong = await here.post('/account/password', { _csrf: here.csrfOf(form.html), currentPassword: 'not it at all', password: THIRD, passwordConfirmation: THIRD });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Le mot de passe actuel est inexact.');
    const changed = await here.post('/account/password', { _csrf: here.csrfOf(wrong.html), currentPassword: SECOND, password: THIRD, passwordConfirmation: THIRD });
    expect(changed.html).toContain('Vos autres sessions ont été fermées');
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(there)).toBe(false);
  });

  it('ends every session of an account when it is disabled', async () => {
    const browser = (await signIn(THIRD)).browser;
    const accounts = server.app.get(AccountsService);
    await accounts.disable((await accounts.findByEmail(EMAIL))!.id, { accountId: null, label: 'test' }, { clientAddress: null });
    expect(await sessions()).toBe(0);
    expect(await signedIn(browser)).toBe(false);
  });

  it('audits every change', async () => {
    const actions = (await db.query<{ action: string }>("SELECT action FROM audit_event WHERE object_type = 'account' ORDER BY chain_position")).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['account.password_reset_requested', 'account.password_reset', 'account.password_changed', 'account.disabled']));
  });
});
