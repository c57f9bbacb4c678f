import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { createServerApp } from '../../apps/server/src/create-server-app';
import { benchServerConfig, clockFromEnvironment } from './bench-config';
import { sendReady, stopWithParent } from './ready-message';

/**
 * The real server application, as in production but with silent logs, on a free loopback
 * port. Runs in its own process so the load generator does not share its event loop.
 * Argument: the path whose queries to report (e.g. /api/v1/programs/FA-2026).
 * Optional: BENCH_LOG_LEVEL (default silent), BENCH_CLOCK_START (the server's "now").
 */
async function main(): Promise<void> {
  stopWithParent();
  const [probePath] = process.argv.slice(2);
  if (!probePath) throw new Error('usage: platform-server <path to probe>');
  const config = benchServerConfig(process.env.BENCH_DATABASE_URL);
  const app = await createServerApp({ config, clock: clockFromEnvironment() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const queries = await queriesOf(app, probePath);
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || !address) throw new Error('The server has no TCP address');
  sendReady({ port: address.port, queries });
}

/** Runs one request in-process and records the SQL it sends, so the baseline can be checked against it. */
async function queriesOf(app: NestFastifyApplication, path: string): Promise<string[]> {
  const dataSource = app.get(DataSource);
  const queries: string[] = [];
  const recorder: EntitySubscriberInterface = { beforeQuery: (event) => void queries.push(event.query) };
  dataSource.subscribers.push(recorder);
  try {
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path });
    if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${response.body}`);
  } finally {
    dataSource.subscribers.splice(dataSource.subscribers.indexOf(recorder), 1);
  }
  return queries;
}

void main().catch((error: unknown) => {
  console.error('platform-server failed:', error);
  process.exit(1);
});
