import { INestApplicationContext } from '@nestjs/common';
import { ROLES, Role } from '@fa/identity';
import { TEST_PASSWORD as PASSWORD, createActiveAccount } from '../support/accounts';
import { ACCESS_METADATA, AccessRule } from '../../apps/server/src/auth/access.decorators';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, startWorker, testConfig } from '../support/test-apps';
import { apiClient } from '../support/http-client';
import { portalClient } from '../support/portal-client';
import { declaredRoutes, callApiRoute } from '../support/routes';

/** A value for each path parameter, so a route can be called. */
const SAMPLE_PARAMS: Record<string, string> = { code: 'FA-2026', locale: 'fr', id: '1795000000000-0a1b2c3d' };

describe('access rules', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let worker: INestApplicationContext;
  const tokens = new Map<Role, string>();
  const browsers = new Map<Role, ReturnType<typeof portalClient>>();

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    server = await startServer(config);
    worker = await startWorker(config);
    const api = apiClient(server.url);
    for (const role of ROLES) {
      const email = `${role.toLowerCase()}@matrix.example`;
      await createActiveAccount(server.app, { email, role });
      const issued = await api.post('/api/v1/auth/token', { email, password: PASSWORD });
      tokens.set(role, issued.body.accessToken as string);
      const browser = portalClient(server.url);
      await browser.post('/login', { _csrf: browser.csrfOf((await browser.get('/login')).html), email, password: PASSWORD });
      browsers.set(role, browser);
    }
  });

  afterAll(async () => {
    await worker?.close();
    await server?.close();
    await db?.drop();
  });

  it('finds that every route of both apps declares who may call it', () => {
    const routes = [...declaredRoutes(server.app, ACCESS_METADATA), ...declaredRoutes(worker, ACCESS_METADATA)];
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((route) => !route.rule).map((route) => `${route.method} ${route.path} (${route.controller}.${route.handler})`);
    expect(undeclared).toEqual([]);
    // The worker answers no HTTP: if that changes, its routes are checked here like the server's.
    expect(declaredRoutes(worker, ACCESS_METADATA)).toEqual([]);
  });

  it('applies the role × route matrix to every route that requires a role', async () => {
    const protectedRoutes = declaredRoutes(server.app, ACCESS_METADATA).filter((route) => (route.rule as AccessRule).kind === 'roles');
    expect(protectedRoutes.length).toBeGreaterThan(0);
    const api = apiClient(server.url);
    const failures: string[] = [];
    for (const route of protectedRoutes) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'sample');
      // The API authenticates by bearer token, pages by session (with the form's CSRF token).
      const call = async (role?: Role): Promise<{ status: number }> => {
        if (path.startsWith('/api/')) return callApiRoute(api, route.method, path, role && tokens.get(role));
        const browser = role ? browsers.get(role)! : portalClient(server.url);
        if (route.method === 'GET') return browser.get(path);
        return browser.post(path, { _csrf: browser.csrfOf((await browser.get(role ? '/' : '/login')).html) });
      };
      const anonymous = await call();
      if (anonymous.status !== 401) failures.push(`${route.method} ${route.path} anonymous → ${anonymous.status}, expected 401`);
      const allowed = (route.rule as { roles: Role[] }).roles;
      for (const role of ROLES) {
        const { status } = await call(role);
        const expectedDenied = !allowed.includes(role);
        if (expectedDenied && status !== 403) failures.push(`${route.method} ${route.path} as ${role} → ${status}, expected 403`);
        if (!expectedDenied && (status === 401 || status === 403)) failures.push(`${route.method} ${route.path} as ${role} → ${status}, expected access`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets anyone read the public pages and API', async () => {
    const publicGets = declaredRoutes(server.app, ACCESS_METADATA).filter((route) => (route.rule as AccessRule).kind === 'public' && route.method === 'GET' && !route.path.includes(':'));
    for (const route of publicGets) {
      const response = await fetch(`${server.url}${route.path}`, { redirect: 'manual' });
      expect([route.path, response.status === 401 || response.status === 403]).toEqual([route.path, false]);
    }
  });
});
