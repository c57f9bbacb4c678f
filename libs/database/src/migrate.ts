import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending migration, each in its own transaction. */
export async function runMigrations(url: string): Promise<MigrationReport> {
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'fa-migrate' })).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the last applied migration. */
export async function revertLastMigration(url: string): Promise<string | undefined> {
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'fa-migrate' })).initialize();
  try {
    const before = await appliedMigrationNames(dataSource);
    await dataSource.undoLastMigration({ transaction: 'each' });
    const after = await appliedMigrationNames(dataSource);
    return before.find((name) => !after.includes(name));
  } finally {
    await dataSource.destroy();
  }
}

async function appliedMigrationNames(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query('SELECT name FROM schema_migration ORDER BY id')) as { name: string }[];
  return rows.map((row) => row.name);
}
