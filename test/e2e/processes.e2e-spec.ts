import { freePort } from '@fa/shared';
import { MIGRATIONS } from '@fa/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { spawnBuilt } from '../support/processes';

describe('server and worker processes', () => {
  it.each([
    ['server', { PORT: 'abc' }, /PORT = "abc"/],
    ['server', { DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL = \(hidden\): DATABASE_URL must be a postgres/],
    ['worker', { LOG_LEVEL: 'chatty' }, /LOG_LEVEL = "chatty"/],
  ] as const)('%s stops on a bad setting with a message naming it', async (app, env, message) => {
    const process = spawnBuilt(app, [], { DATABASE_URL: 'postgres://localhost/none', ...env });
    await expect(process.exited).resolves.toMatchObject({ code: 1 });
    expect(process.output()).toMatch(message);
    expect(process.output()).not.toMatch(/\n\s+at /);
  });
});

describe('server logs', () => {
  it('writes one JSON line per request with its correlation id, and never the cookies or credentials', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const server = spawnBuilt('server', [], { DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: 'test' });
    try {
      await server.waitForOutput(/successfully started/);
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/programs/FA-2026`, {
        headers: { 'x-correlation-id': 'log-trace-0001', cookie: 'fa_session=secret-session-value', authorization: 'Bearer secret-token-value' },
      });
      expect(response.headers.get('x-correlation-id')).toBe('log-trace-0001');
      await server.waitForOutput(/"correlationId":"log-trace-0001"/);
      const line = server
        .output()
        .split('\n')
        .filter((text) => text.startsWith('{'))
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.correlationId === 'log-trace-0001');
      // The forged bearer token is refused (401), and the answer is logged like any other.
      expect(line).toMatchObject({ level: 'info', service: 'fa-server', statusCode: 401, method: 'GET', url: '/api/v1/programs/FA-2026', message: 'request completed' });
      expect(server.output()).not.toMatch(/secret-session-value|secret-token-value/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await db.drop();
    }
  });
});

describe('operator CLI', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });

  afterAll(async () => {
    await db?.drop();
  });

  const cli = async (args: string[]) => {
    const process = spawnBuilt('cli', args, { DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    const { code } = await process.exited;
    return { code, output: process.output() };
  };

  it('lists its commands with --help', async () => {
    const { code, output } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'migrate', 'migrate:revert', 'demo:load', 'demo:generate', 'mail:test', 'outbox:status', 'users:create', 'users:disable']) expect(output).toContain(command);
  });

  it('migrates, reverts and migrates again', async () => {
    expect((await cli(['migrate'])).output).toMatch(/Applied: CreateProgramReference/);
    expect((await cli(['migrate'])).output).toContain('The schema is up to date.');
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    expect((await cli(['migrate:revert'])).output).toContain(`Reverted: ${last}`);
    expect((await cli(['migrate'])).output).toContain(`Applied: ${last}`);
  });

  it('queues a test mail through the outbox and reports it', async () => {
    const queued = await cli(['mail:test', '--to', 'ops@example.org', '--lang', 'en']);
    expect(queued.code).toBe(0);
    expect(await db.query("SELECT type, locale, status FROM outbox_event WHERE recipient_email = 'ops@example.org'")).toEqual([
      { type: 'test-message', locale: 'en', status: 'PENDING' },
    ]);
    const status = await cli(['outbox:status']);
    expect(status.output).toContain('Mail outbox: 1 pending, 0 sent, 0 failed');
    expect(status.output).toContain('ops@example.org');
  });

  it('refuses bad arguments with a usage message', async () => {
    const { code, output } = await cli(['mail:test', '--to', 'ops@example.org', '--lang', 'de']);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Allowed choices are fr, en/);
  });

  it('creates a staff account that receives a set-up link, and disables it', async () => {
    const created = await cli(['users:create', '--email', 'Auditrice@IQ.example', '--name', 'Audrey Trice', '--role', 'AUDITOR', '--lang', 'fr']);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/Created AUDITOR account for auditrice@iq\.example/);
    expect(created.output).toMatch(/account-setup\?token=[A-Za-z0-9_-]{43}/);
    expect(await db.query("SELECT role, status FROM account WHERE email = 'auditrice@iq.example'")).toEqual([{ role: 'AUDITOR', status: 'PENDING_VERIFICATION' }]);
    expect(await db.query("SELECT type, locale FROM outbox_event WHERE recipient_email = 'auditrice@iq.example'")).toEqual([{ type: 'account-setup', locale: 'fr' }]);
    expect(await db.query("SELECT actor_label, action FROM audit_event WHERE action = 'account.created'")).toEqual([{ actor_label: expect.stringMatching(/^cli \(/), action: 'account.created' }]);

    const again = await cli(['users:create', '--email', 'auditrice@iq.example', '--name', 'Again', '--role', 'AUDITOR']);
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('EMAIL_ALREADY_REGISTERED');
    expect((await cli(['users:create', '--email', 'x@iq.example', '--name', 'X', '--role', 'APPLICANT'])).output).toMatch(/Allowed choices are REVIEWER, APPROVER, AUDITOR, ADMINISTRATOR/);

    expect((await cli(['users:disable', '--email', 'auditrice@iq.example'])).output).toContain('Disabled the account of auditrice@iq.example.');
    expect(await db.query("SELECT status FROM account WHERE email = 'auditrice@iq.example'")).toEqual([{ status: 'DISABLED' }]);
  });

  it('loads demo data once', async () => {
    expect((await cli(['demo:load'])).output).toContain('Loaded: welcome-mail, demo-accounts');
    expect(await db.query("SELECT role, status FROM account WHERE email LIKE '%@demo.fonds-acceleration.localhost' ORDER BY role")).toEqual(
      ['ADMINISTRATOR', 'APPLICANT', 'APPROVER', 'AUDITOR', 'REVIEWER', 'REVIEWER'].map((role) => ({ role, status: 'ACTIVE' })),
    );
    expect((await cli(['demo:load'])).output).toContain('All demo data is already loaded.');
  });
});
