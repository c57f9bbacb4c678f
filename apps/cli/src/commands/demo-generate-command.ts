import { DataSource } from 'typeorm';
import { AppConfig } from '@fa/shared';
import { runMigrations } from '@fa/database';
import { withCliApp, withDatabase } from '../cli-context';
import { DEMO_PASSWORD } from '../demo/demo-data.service';
import { DemoClock } from '../demo/demo-clock';
import { DemoGenerator, MAX_GENERATED_SMES, generatedBefore } from '../demo/demo-generator';

export interface DemoGenerateOptions {
  smes: number;
  seed: number;
  /** First day of the simulated period (default: the program's launch). */
  from: string;
  /** Last day of the simulated period (default: now); the same seed and days give the same data. */
  to?: string;
}

/**
 * Fills the database with `--smes` generated SMEs for `--seed`, through the domain services,
 * over simulated time from `--from` to now. A seed is generated once per database.
 */
export async function demoGenerateCommand(config: AppConfig, options: DemoGenerateOptions): Promise<void> {
  if (config.NODE_ENV === 'production') throw new Error('demo:generate writes demo people and files: it never runs in production');
  if (options.smes > MAX_GENERATED_SMES) throw new Error(`--smes is at most ${MAX_GENERATED_SMES}`);
  for (const [name, day] of [['--from', options.from], ['--to', options.to]] as const) {
    if (day !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(new Date(`${day}T00:00:00Z`).getTime()))) throw new Error(`${name} must be a date written YYYY-MM-DD`);
  }
  if (options.to && options.to < options.from) throw new Error('--to must not be before --from');
  await withDatabase(config, async (runtime) => {
    await runMigrations(runtime.DATABASE_URL!);
    const clock = new DemoClock(new Date(`${options.from}T13:00:00Z`));
    const to = options.to ? new Date(`${options.to}T23:59:59Z`) : new Date();
    const started = Date.now();
    const result = await withCliApp(runtime, (app) => new DemoGenerator(app, clock, options.seed).generate(options.smes, new Date(`${options.from}T13:00:00Z`), to, DEMO_PASSWORD), clock);
    const fates = Object.entries(result.byFate).sort(([a], [b]) => a.localeCompare(b)).map(([fate, count]) => `${fate} ${count}`).join(', ');
    console.log(`Generated ${result.smes} SMEs (seed ${options.seed}) from ${options.from} to ${to.toISOString().slice(0, 10)} in ${((Date.now() - started) / 1000).toFixed(1)} s; their files now: ${fates}.`);
    if (result.envelopeRefusals > 0) console.log(`${result.envelopeRefusals} approvals found the envelope spent and were declined.`);
    console.log(`Generated people sign in with the demo password; e-mails end in @generated.fonds-acceleration.localhost.`);
  });
}

/** The generated part of the embedded default's demo data: small, and always the same. */
export const DEMO_GENERATED = { smes: 40, seed: 2026, from: '2026-07-01', name: 'demo-generated' };

/**
 * Generates the embedded default's set once per database (recorded in demo_data_load once
 * complete); returns whether it ran now. Its own application context: the generator travels
 * the services' clock.
 */
export async function loadGeneratedDemoSet(runtime: AppConfig): Promise<boolean> {
  const done = await withCliApp(runtime, async (app) => {
    const dataSource = app.get(DataSource);
    if (((await dataSource.query('SELECT 1 FROM demo_data_load WHERE name = $1', [DEMO_GENERATED.name])) as unknown[]).length > 0) return true;
    // An earlier start stopped half-way (the generation is many transactions): keep what it made rather than refuse every start from now on.
    if (!(await generatedBefore(dataSource, DEMO_GENERATED.seed))) return false;
    await dataSource.query('INSERT INTO demo_data_load (name) VALUES ($1)', [DEMO_GENERATED.name]);
    return true;
  });
  if (done) return false;
  const start = new Date(`${DEMO_GENERATED.from}T13:00:00Z`);
  const clock = new DemoClock(start);
  await withCliApp(runtime, async (app) => {
    await new DemoGenerator(app, clock, DEMO_GENERATED.seed).generate(DEMO_GENERATED.smes, start, new Date(), DEMO_PASSWORD);
    await app.get(DataSource).query('INSERT INTO demo_data_load (name) VALUES ($1)', [DEMO_GENERATED.name]);
  }, clock);
  return true;
}
