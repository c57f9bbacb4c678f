import { AppConfig, runInTransaction } from '@fa/shared';
import { revertLastMigration, runMigrations } from '@fa/database';
import { Outbox, OutboxQueries } from '@fa/notifications';
import { DataSource } from 'typeorm';
import { withCliApp, withDatabase } from '../cli-context';
import { DemoDataService } from '../demo/demo-data.service';
import { DEMO_GENERATED, loadGeneratedDemoSet } from './demo-generate-command';

export async function migrateCommand(config: AppConfig): Promise<void> {
  await withDatabase(config, async ({ DATABASE_URL }) => {
    const { applied } = await runMigrations(DATABASE_URL!);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  });
}

export async function migrateRevertCommand(config: AppConfig): Promise<void> {
  await withDatabase(config, async ({ DATABASE_URL }) => {
    const reverted = await revertLastMigration(DATABASE_URL!);
    console.log(reverted ? `Reverted: ${reverted}` : 'No migration to revert.');
  });
}

export async function demoLoadCommand(config: AppConfig): Promise<void> {
  await withDatabase(config, async (runtime) => {
    await runMigrations(runtime.DATABASE_URL!);
    const loaded = await withCliApp(runtime, (app) => app.get(DemoDataService).loadAll());
    if (await loadGeneratedDemoSet(runtime)) loaded.push(DEMO_GENERATED.name);
    console.log(loaded.length ? `Loaded: ${loaded.join(', ')}` : 'All demo data is already loaded.');
  });
}

export async function mailTestCommand(config: AppConfig, options: { to: string; lang: 'fr' | 'en' }): Promise<void> {
  await withDatabase(config, async (runtime) => {
    const id = await withCliApp(runtime, (app) =>
      runInTransaction(app.get(DataSource), (manager) =>
        app.get(Outbox).enqueue(manager, {
          type: 'test-message',
          to: { email: options.to },
          locale: options.lang,
          payload: { requestedBy: `cli (${process.env.USER ?? 'operator'})`, requestedAt: new Date().toISOString() },
        }),
      ),
    );
    console.log(`Queued test message ${id} to ${options.to}; the worker delivers it. Follow it with "npm run cli -- outbox:status".`);
  });
}

export async function outboxStatusCommand(config: AppConfig, options: { failed?: boolean; limit: number }): Promise<void> {
  await withDatabase(config, async (runtime) => {
    await withCliApp(runtime, async (app) => {
      const queries = app.get(OutboxQueries);
      const summary = await queries.summary();
      console.log(`Mail outbox: ${summary.pending} pending, ${summary.sent} sent, ${summary.failed} failed`);
      const events = await queries.list(options.failed ? 'FAILED' : undefined, options.limit);
      for (const event of events) {
        const error = event.lastError ? `  last error: ${event.lastError}` : '';
        console.log(`${event.createdAt.toISOString()}  ${event.status.padEnd(7)} ${event.type}  → ${event.recipientEmail}  attempts ${event.attempts}${error}`);
      }
    });
  });
}
