import { freePort } from '@fa/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPostgres, runMigrations } from '@fa/database';

export const TEMPLATE_DATABASE = 'fa_template';

/**
 * Starts one throwaway PostgreSQL for the whole run (fsync off), migrates a template
 * database with the real migrations, and tells the test files where it is. Each test file
 * then clones the template (test-database.ts), so files never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'fa-test-pg-'));
  const postgres = new LocalPostgres({ dataDir: join(folder, 'cluster'), port: await freePort(), mode: 'throwaway' });
  await postgres.start();
  await postgres.ensureDatabase(TEMPLATE_DATABASE);
  await runMigrations(postgres.url(TEMPLATE_DATABASE));
  process.env.FA_TEST_PG_ADMIN_URL = postgres.url('postgres');
  (globalThis as { __faTestPostgres?: { postgres: LocalPostgres; folder: string } }).__faTestPostgres = { postgres, folder };
}
