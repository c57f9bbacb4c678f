import { FixedClock } from '@fa/shared';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { portalClient } from '../support/portal-client';
import { createActiveAccount } from '../support/accounts';

const PASSWORD = 'érable rouge au printemps 2026';
const EMAIL = 'josee@pme.example';

describe('portal sessions', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new FixedClock(new Date('2026-11-22T15:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url, { SESSION_ABSOLUTE_HOURS: '12' }), clock);
    await createActiveAccount(server.app, { email: EMAIL, role: 'APPLICANT', displayName: 'Josée Lavoie', password: PASSWORD });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const signIn = async (browser = portalClient(server.url)) => {
    const form = await browser.get('/login');
    const response = await browser.post('/login', { _csrf: browser.csrfOf(form.html), email: EMAIL, password: PASSWORD });
    return { browser, response };
  };

  it('refuses a form without its CSRF token, or with another session’s', async () => {
    const browser = portalClient(server.url);
    await browser.get('/login');
    const missing = await browser.post('/login', { email: EMAIL, password: PASSWORD });
    expect(missing.status).toBe(403);
    expect(missing.html).toContain('data-error-code="FORBIDDEN"');
    const other = portalClient(server.url);
    const otherToken = other.csrfOf((await other.get('/login')).html);
    expect((await browser.post('/login', { _csrf: otherToken, email: EMAIL, password: PASSWORD })).status).toBe(403);
    expect(browser.cookies.has('fa_session') && (await db.query("SELECT 1 FROM portal_session WHERE sess->>'accountId' IS NOT NULL"))).toEqual([]);
  });

  it('signs in with a new session id, HttpOnly and SameSite=Lax, and shows who is signed in', async () => {
    const browser = portalClient(server.url);
    const form = await browser.get('/login');
    const before = browser.cookies.get('fa_session');
    expect(before).toBeDefined();
    const response = await browser.post('/login', { _csrf: browser.csrfOf(form.html), email: EMAIL, password: PASSWORD });
    expect(response.status).toBe(303);
    expect(response.location).toBe('/');
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('fa_session=')) ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(browser.cookies.get('fa_session')).not.toBe(before);
    const home = await browser.get('/');
    expect(home.html).toContain('Connecté : Josée Lavoie');
    expect(await db.query("SELECT count(*)::int AS n FROM portal_session WHERE sess->>'accountId' IS NOT NULL")).toEqual([{ n: 1 }]);
  });

  it('shows the form again, with the reason, when the password is wrong', async () => {
    const browser = portalClient(server.url);
    const form = await browser.get('/login');
    const response = await browser.post('/login', { _csrf: browser.csrfOf(form.html), email: EMAIL, password: 'not the password at all' });
    expect(response.status).toBe(401);
    expect(response.html).toContain('role="alert"');
    expect(response.html).toContain('L&#x27;adresse courriel ou le mot de passe est inexact');
    expect(response.html).toContain(`value="${EMAIL}"`);
    expect(response.html).not.toContain('not the password at all');
  });

  it('signs out: the session is gone from the database and its cookie no longer signs anyone in', async () => {
    const { browser } = await signIn();
    const stolen = browser.cookies.get('fa_session');
    const home = await browser.get('/');
    const response = await browser.post('/logout', { _csrf: browser.csrfOf(home.html) });
    expect(response.status).toBe(303);
    expect((await browser.get('/')).html).not.toContain('Connecté');
    const replay = await fetch(`${server.url}/`, { headers: { cookie: `fa_session=${stolen}` } });
    expect(await replay.text()).not.toContain('Connecté');
  });

  it('ends a session left idle (the store drops it) and one older than the absolute limit', async () => {
    const idle = (await signIn()).browser;
    await db.query("UPDATE portal_session SET expire = now() - interval '1 second' WHERE sess->>'accountId' IS NOT NULL");
    expect((await idle.get('/')).html).not.toContain('Connecté');

    const active = (await signIn()).browser;
    expect((await active.get('/')).html).toContain('Connecté');
    clock.set(new Date('2026-11-23T03:00:01Z'));
    try {
      expect((await active.get('/')).html).not.toContain('Connecté');
    } finally {
      clock.set(new Date('2026-11-22T15:00:00Z'));
    }
  });

  it('records sign-ins and sign-outs in the audit trail', async () => {
    const rows = await db.query<{ action: string; outcome: string }>("SELECT action, outcome FROM audit_event WHERE actor_label = $1 AND action LIKE 'auth.%' ORDER BY chain_position", [EMAIL]);
    expect(rows).toEqual(expect.arrayContaining([{ action: 'auth.login', outcome: 'SUCCESS' }, { action: 'auth.login', outcome: 'FAILURE' }, { action: 'auth.logout', outcome: 'SUCCESS' }]));
  });
});
