import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, Clock, loadConfig } from '@fa/shared';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';

/** Configuration for a test: real values through the real validation, quiet logs. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '1',
    DEV_MAIL_DIR: mkdtempSync(join(tmpdir(), 'fa-test-mail-')),
    ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'fa-test-attachments-')),
    MAIL_RETRY_DELAY_SECONDS: '1',
    SESSION_SECRET: 'test-session-secret-0123456789abcdef',
    API_TOKEN_SECRET: 'test-api-token-secret-0123456789abcdef',
    ...overrides,
  });
}

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The real server application, listening on a free loopback port. */
export async function startServer(config: AppConfig, clock?: Clock): Promise<RunningServer> {
  const app = await createServerApp({ config, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}

export function startWorker(config: AppConfig, clock?: Clock): Promise<INestApplicationContext> {
  return createWorkerApp({ config, clock });
}
