import { TEST_PASSWORD, createActiveAccount } from '../support/accounts';
import { ACCESS_METADATA, AccessRule } from '../../apps/server/src/auth/access.decorators';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { apiClient } from '../support/http-client';
import { portalClient } from '../support/portal-client';
import { DeclaredRoute, declaredRoutes, callApiRoute } from '../support/routes';

/**
 * The write routes an auditor may call: each changes only the caller's own password. Anything
 * else an auditor could write would break reliability promise 9 ("auditors write nothing").
 */
const OWN_ACCOUNT_WRITES = ['POST /api/v1/me/password', 'POST /account/password'];

/**
 * Write routes open to anyone, signed in or not: signing in and out, registering, the links
 * mailed to a person. They act on the caller's own identity, never on the platform's records.
 * A new one fails this test until it is judged and listed here.
 */
const PUBLIC_WRITES = [
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/verify',
  'POST /api/v1/auth/token',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/complete',
  'POST /login',
  'POST /logout',
  'POST /register',
  'POST /verify-email',
  'POST /account-setup',
  'POST /password-reset',
  'POST /password-reset/complete',
];

/** A value for each path parameter, so a route can be called. */
const SAMPLE_PARAMS: Record<string, string> = { code: 'FA-2026', locale: 'fr', id: '1795000000000-0a1b2c3d' };

const nameOf = (route: DeclaredRoute) => `${route.method} ${route.path}`;

describe('auditors write nothing', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let writes: DeclaredRoute[];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    await createActiveAccount(server.app, { email: 'auditor@read-only.example', role: 'AUDITOR' });
    writes = declaredRoutes(server.app, ACCESS_METADATA).filter((route) => route.method !== 'GET');
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('opens no write route to auditors beyond their own password, and no public one beyond signing in, registering and mailed links', () => {
    expect(writes.length).toBeGreaterThan(30);
    const ruleOf = (route: DeclaredRoute) => route.rule as AccessRule;
    const admitsAuditors = (rule: AccessRule) => rule.kind === 'roles' && rule.roles.includes('AUDITOR');
    const openToAuditors = writes.filter((route) => admitsAuditors(ruleOf(route))).map(nameOf);
    expect(openToAuditors.filter((name) => !OWN_ACCOUNT_WRITES.includes(name))).toEqual([]);
    const publicWrites = writes.filter((route) => ruleOf(route).kind === 'public').map(nameOf);
    expect(publicWrites.filter((name) => !PUBLIC_WRITES.includes(name))).toEqual([]);
  });

  it('answers 403 to an auditor on every other write route, through the API and the portal', async () => {
    const token = (await apiClient(server.url).post('/api/v1/auth/token', { email: 'auditor@read-only.example', password: TEST_PASSWORD })).body.accessToken as string;
    const browser = portalClient(server.url);
    await browser.post('/login', { _csrf: browser.csrfOf((await browser.get('/login')).html), email: 'auditor@read-only.example', password: TEST_PASSWORD });
    const api = apiClient(server.url);
    const closed = writes.filter((route) => !OWN_ACCOUNT_WRITES.includes(nameOf(route)) && !PUBLIC_WRITES.includes(nameOf(route)));
    expect(closed.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const route of closed) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'sample');
      const { status } = path.startsWith('/api/')
        ? await callApiRoute(api, route.method, path, token)
        : // With a valid CSRF token, so that a 403 can only come from the role.
          await browser.post(path, { _csrf: browser.csrfOf((await browser.get('/')).html) });
      answers.push(`${nameOf(route)} → ${status}`);
    }
    expect(answers.filter((answer) => !answer.endsWith('→ 403'))).toEqual([]);
  });
});
