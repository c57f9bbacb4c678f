import { createTestDatabase, TestDatabase } from '../support/test-database';
import { spawnBuilt } from '../support/processes';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { createActiveAccount, bearerToken } from '../support/accounts';
import { apiClient } from '../support/http-client';
import { TravelClock } from '@fa/shared';
import { independentFigures } from '../support/rollout-figures';

const GENERATE = ['demo:generate', '--smes', '80', '--seed', '11', '--from', '2026-07-01', '--to', '2026-11-23'];

/** What generated data is, without its random ids: each enterprise's file, its decision, and the ledger's totals. */
async function fingerprint(db: TestDatabase) {
  const files = await db.query(`
    SELECT o.neq, o.legal_name, p.region_code, a.status, a.sector_code, a.amount_requested_cents::text, a.submitted_at, d.outcome, d.amount_cents::text AS approved
      FROM organization o JOIN organization_profile p ON p.organization_id = o.id JOIN application a ON a.organization_id = o.id LEFT JOIN decision d ON d.application_id = a.id
     ORDER BY o.neq`);
  // The envelope's funding is the migration's, written when it ran, not generated.
  const ledger = await db.query("SELECT entry_type, count(*)::int AS n, sum(amount_cents)::text AS total, max(occurred_at) AS last FROM ledger_entry WHERE entry_type <> 'ENVELOPE_FUNDING' GROUP BY entry_type ORDER BY entry_type");
  return { files, ledger };
}

describe('demo:generate', () => {
  const databases: TestDatabase[] = [];
  let server: RunningServer | undefined;

  afterAll(async () => {
    await server?.close();
    for (const db of databases) await db.drop();
  });

  const generate = async (db: TestDatabase, args = GENERATE) => {
    const process = spawnBuilt('cli', args, { DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    const { code } = await process.exited;
    return { code, output: process.output() };
  };

  it('fills a database through the services with SMEs in every state, the same for the same seed, every invariant holding', async () => {
    const [first, second] = [await createTestDatabase({ empty: true }), await createTestDatabase({ empty: true })];
    databases.push(first, second);
    const run = await generate(first);
    expect(run).toMatchObject({ code: 0, output: expect.stringContaining('Generated 80 SMEs (seed 11) from 2026-07-01 to 2026-11-23') });
    expect((await generate(second)).code).toBe(0);
    const [one, two] = [await fingerprint(first), await fingerprint(second)];
    expect(one.files).toHaveLength(80);
    expect(two).toEqual(one);

    const states = new Set(one.files.map((file) => (file as { status: string }).status));
    expect([...states].sort()).toEqual(['ACTIVE', 'AGREEMENT_SIGNED', 'APPROVED', 'CHANGES_REQUESTED', 'COMPLETED', 'DECLINED', 'DRAFT', 'IN_REVIEW', 'RECOMMENDED', 'SCREENED', 'TERMINATED', 'WITHDRAWN']);
    const regions = new Set(one.files.map((file) => (file as { region_code: string }).region_code));
    expect(regions.size).toBeGreaterThanOrEqual(8);
    const verify = spawnBuilt('cli', ['ledger:verify'], { DATABASE_URL: first.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    await expect(verify.exited).resolves.toMatchObject({ code: 0 });
    // The same seed again would register the same enterprises: refused, nothing written.
    expect(await generate(first)).toMatchObject({ code: 1, output: expect.stringContaining('Seed 11 was already generated') });
    expect(await first.query('SELECT count(*)::int AS n FROM organization')).toEqual([{ n: 80 }]);
  }, 180_000);

  it('gives a dashboard whose figures equal independent counts and ledger sums on the generated data', async () => {
    const db = databases[0];
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    await createActiveAccount(server.app, { email: 'aude@generated.test', role: 'AUDITOR' });
    const dashboard = (await apiClient(server.url).get('/api/v1/rollout/dashboard', { token: await bearerToken(server.url, 'aude@generated.test') })).body as unknown as {
      regions: { regionCode: string; received: number }[]; total: { received: number; smesFunded: number; committedCents: number; disbursedCents: number };
    };
    const expected = await independentFigures(db);
    for (const region of dashboard.regions) {
      expect({ ...region, aiJobsReported: -1 }).toMatchObject(expected.get(region.regionCode) ?? { received: 0 });
    }
    const all = [...expected.values()];
    expect(dashboard.total).toMatchObject({
      received: all.reduce((sum, figures) => sum + figures.received, 0), smesFunded: all.reduce((sum, figures) => sum + figures.smesFunded, 0),
      committedCents: all.reduce((sum, figures) => sum + figures.committedCents, 0), disbursedCents: all.reduce((sum, figures) => sum + figures.disbursedCents, 0),
    });
    expect(dashboard.total.smesFunded).toBeGreaterThan(10);
    expect(dashboard.total.disbursedCents).toBeGreaterThan(0);
  }, 60_000);

  it('keeps a generated set an earlier start left half-made, instead of refusing every start after', async () => {
    const db = await createTestDatabase({ empty: true });
    databases.push(db);
    // The embedded default's seed, generated over a few days only: as if the first start had stopped there.
    expect((await generate(db, ['demo:generate', '--smes', '3', '--seed', '2026', '--from', '2026-07-01', '--to', '2026-07-03'])).code).toBe(0);
    const load = spawnBuilt('cli', ['demo:load'], { DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    await expect(load.exited).resolves.toMatchObject({ code: 0 });
    await expect(db.query("SELECT name FROM demo_data_load WHERE name = 'demo-generated'")).resolves.toEqual([{ name: 'demo-generated' }]);
    expect(await db.query('SELECT count(*)::int AS n FROM organization WHERE neq LIKE $1', ['11926%'])).toEqual([{ n: 3 }]);
  }, 120_000);

  it('refuses impossible periods and sizes before writing anything', async () => {
    const db = databases[0];
    for (const args of [['--to', '2026-13-40'], ['--from', '2026-11-01', '--to', '2026-10-01'], ['--smes', '100000']]) {
      const run = await generate(db, ['demo:generate', '--smes', '5', '--seed', '12', ...args]);
      expect(run.code).toBe(1);
    }
    expect(await db.query('SELECT count(*)::int AS n FROM organization WHERE neq LIKE $1', ['11912%'])).toEqual([{ n: 0 }]);
  }, 60_000);
});
