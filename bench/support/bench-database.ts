import { freePort } from '@fa/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalPostgres, runMigrations } from '@fa/database';

export const BENCH_DATABASE = 'fa_bench';

export interface BenchDatabase {
  url: string;
  serverVersion: string;
  /** Stops PostgreSQL and removes its folder; safe to call twice or after a failed start. */
  dispose(): Promise<void>;
}

/** A throwaway PostgreSQL (fsync off) in a temporary folder, with the real migrations applied. */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'fa-bench-pg-'));
  const postgres = new LocalPostgres({ dataDir: join(folder, 'cluster'), port: await freePort(), mode: 'throwaway' });
  let disposing: Promise<void> | undefined;
  const dispose = (): Promise<void> => (disposing ??= postgres.stop().finally(() => rmSync(folder, { recursive: true, force: true })));
  try {
    await postgres.start();
    await postgres.ensureDatabase(BENCH_DATABASE);
    const url = postgres.url(BENCH_DATABASE);
    await runMigrations(url);
    return { url, serverVersion: await serverVersion(url), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function serverVersion(url: string): Promise<string> {
  return (await queryOne<{ server_version: string }>(url, 'SHOW server_version')).server_version ?? 'unknown';
}

/** The first row of one query, on a connection of its own (the harness's checks, outside the server under test). */
export async function queryOne<T>(url: string, sql: string, parameters: unknown[] = []): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows[0] as T;
  } finally {
    await client.end();
  }
}
