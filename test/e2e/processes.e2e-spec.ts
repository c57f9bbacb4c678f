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
    for (const command of ['start', 'migrate', 'migrate:revert', 'demo:load', 'mail:test', 'outbox:status']) expect(output).toContain(command);
  });

  it('migrates, reverts and migrates again', async () => {
    expect((await cli(['migrate'])).output).toMatch(/Applied: CreateProgramReference/);
    expect((await cli(['migrate'])).output).toContain('The schema is up to date.');
    expect((await cli(['migrate:revert'])).output).toMatch(/Reverted: CreateDemoDataLoad/);
    expect((await cli(['migrate'])).output).toMatch(/Applied: CreateDemoDataLoad/);
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

  it('loads demo data once', async () => {
    expect((await cli(['demo:load'])).output).toContain('Loaded: welcome-mail');
    expect((await cli(['demo:load'])).output).toContain('All demo data is already loaded.');
  });
});
