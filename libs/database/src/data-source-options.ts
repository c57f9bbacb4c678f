import { MIGRATIONS } from '@fa/migrations';
import { DataSourceOptions } from 'typeorm';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize?: number;
  /** Shown in pg_stat_activity, so an operator sees which process holds a connection. */
  applicationName?: string;
}

/**
 * The one data source configuration of the platform: used by the apps, the CLI, the tests
 * and the benchmarks. The schema changes only through the listed migrations.
 */
export function dataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    entities: [],
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'fonds-acceleration',
      // A stuck query must not hold a pooled connection forever.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
