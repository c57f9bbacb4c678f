import { DataSource } from 'typeorm';
import { runInTransaction } from '@fa/shared';
import { dataSourceOptions, revertLastMigration, runMigrations } from '@fa/database';
import { MIGRATIONS } from '@fa/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });

  afterAll(async () => {
    await db?.drop();
  });

  const tables = async () =>
    (await db.query<{ name: string }>("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') ORDER BY 1")).map(
      (row) => row.name,
    );

  it('build the schema and the FA-2026 reference data on an empty database', async () => {
    const { applied } = await runMigrations(db.url);
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tables()).toEqual(expect.arrayContaining(['public.program', 'public.region', 'public.outbox_event', 'pgboss.job']));
    expect(await db.query('SELECT count(*)::int AS n FROM region')).toEqual([{ n: 17 }]);
    expect(await db.query("SELECT count(*)::int AS n FROM program_target_region WHERE program_code = 'FA-2026'")).toEqual([{ n: 10 }]);
    await expect(runMigrations(db.url)).resolves.toEqual({ applied: [] });
  });

  it('each revert cleanly, down to nothing, and apply again', async () => {
    for (let index = MIGRATIONS.length - 1; index >= 0; index--) {
      await expect(revertLastMigration(db.url)).resolves.toBe(MIGRATIONS[index].name);
    }
    expect((await tables()).filter((name) => name !== 'public.schema_migration')).toEqual([]);
    await expect(runMigrations(db.url)).resolves.toMatchObject({ applied: MIGRATIONS.map((migration) => migration.name) });
  });

  it('guard the reference data with constraints', async () => {
    await expect(db.query("UPDATE program SET grant_ceiling_cents = envelope_cents + 1 WHERE code = 'FA-2026'")).rejects.toThrow(/program_ceiling_within_envelope/);
    await expect(db.query("INSERT INTO region (code, name_fr, name_en) VALUES ('18', 'X', 'X')")).rejects.toThrow(/region_code_check/);
    await expect(db.query("UPDATE program SET co_investment_ratio_bps = 0 WHERE code = 'FA-2026'")).rejects.toThrow(/check/);
  });
});

describe(runInTransaction.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions({ url: db.url, poolSize: 20 })).initialize();
    await db.query('CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)');
    await db.query('INSERT INTO counter VALUES (1, 0)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('retries serialization failures so that concurrent SERIALIZABLE increments all land', async () => {
    let retries = 0;
    const increment = () =>
      runInTransaction(
        dataSource,
        async (manager) => {
          const [{ value }] = (await manager.query('SELECT value FROM counter WHERE id = 1')) as { value: number }[];
          await manager.query('UPDATE counter SET value = $1 WHERE id = 1', [value + 1]);
        },
        { isolation: 'SERIALIZABLE', maxAttempts: 50, onRetry: () => retries++ },
      );
    await Promise.all(Array.from({ length: 12 }, increment));
    expect(await db.query('SELECT value FROM counter')).toEqual([{ value: 12 }]);
    expect(retries).toBeGreaterThan(0);
  });

  it('gives up after the bounded number of attempts and surfaces the error', async () => {
    let attempts = 0;
    await expect(
      runInTransaction(
        dataSource,
        async () => {
          attempts++;
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        },
        { maxAttempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toThrow('could not serialize access');
    expect(attempts).toBe(3);
  });

  it('does not retry an ordinary failure, and rolls it back', async () => {
    let attempts = 0;
    await expect(
      runInTransaction(dataSource, async (manager) => {
        attempts++;
        await manager.query('UPDATE counter SET value = -1 WHERE id = 1');
        await manager.query('INSERT INTO counter VALUES (1, 0)');
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(attempts).toBe(1);
    expect(await db.query('SELECT value FROM counter')).toEqual([{ value: 12 }]);
  });
});
