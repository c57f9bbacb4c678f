import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const TEMPLATE_DATABASE = 'fa_template';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL as the administrator, for arranging data and checking invariants independently of the code under test. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.FA_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('FA_TEST_PG_ADMIN_URL is not set: run this file through Jest (global setup starts PostgreSQL)');
  return url;
}

/** A fresh database with every migration applied, cloned from the migrated template. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `fa_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = adminUrl().replace(/\/postgres$/, `/${name}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    name,
    url,
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
