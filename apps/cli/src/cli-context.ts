import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { AppConfig, Clock, loadConfig, projectRoot } from '@fa/shared';
import { LocalPostgres } from '@fa/database';
import { CliModule } from './cli.module';

export const EMBEDDED_DATABASE = 'fonds_acceleration';

export function embeddedPostgres(config: AppConfig, log: (line: string) => void): LocalPostgres {
  return new LocalPostgres({ dataDir: resolve(projectRoot(), config.EMBEDDED_PG_DIR), port: config.EMBEDDED_PG_PORT, mode: 'durable', log });
}

/**
 * Runs `work` with a database URL: DATABASE_URL when set; otherwise the embedded PostgreSQL,
 * started for the command (and stopped after it) unless it was already running.
 */
export async function withDatabase<T>(config: AppConfig, work: (config: AppConfig) => Promise<T>): Promise<T> {
  if (config.DATABASE_URL) return work(config);
  const postgres = embeddedPostgres(config, (line) => console.error(`[postgres] ${line}`));
  const wasRunning = await postgres.isRunning();
  await postgres.start();
  try {
    await postgres.ensureDatabase(EMBEDDED_DATABASE);
    return await work(loadConfig({ ...process.env, DATABASE_URL: postgres.url(EMBEDDED_DATABASE) }));
  } finally {
    if (!wasRunning) await postgres.stop();
  }
}

/** Runs `work` inside a Nest application context of the CLI module, closed afterwards. */
export async function withCliApp<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>, clock?: Clock): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, clock), { logger: ['error', 'warn'] });
  try {
    await app.init();
    return await work(app);
  } finally {
    await app.close();
  }
}
