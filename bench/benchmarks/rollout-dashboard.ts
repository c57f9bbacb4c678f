import { Client } from 'pg';
import { ROLLOUT_ENVELOPE_SQL, ROLLOUT_FIGURES_SQL, ROLLOUT_QUARTER_STARTS_SQL, ROLLOUT_TARGETS_SQL, ROLLOUT_TIMELINE_SQL } from '@fa/rollout';
import { prepareStaff } from '../support/applicants';
import { fillApplications } from '../support/applications-fill';
import { Benchmark, BenchmarkContext, BenchmarkReport } from '../support/benchmark';
import { ChildServer, withPlatformServer } from '../support/child-server';
import { fillLedger } from '../support/ledger-fill';
import { formatNumber, markdownTable } from '../support/report';
import { serverErrors } from '../support/server-log';
import { percentile } from '../support/statistics';

const SIZES = (process.env.BENCH_DASHBOARD_APPLICATIONS ?? '10000,100000').split(',').map(Number);
const ENTRIES = Number(process.env.BENCH_DASHBOARD_ENTRIES ?? '1000000');
const WARM_UP = 5;
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? '40');
/** What the API may add to the SQL it runs (routing, access, the program's reference, JSON), at p95. */
const RATIO_TARGET = 1.5;
const P95_TARGET_MS = 1000;
const ZONE = 'America/Toronto';

const title = 'Rollout dashboard (GET /api/v1/rollout/dashboard) against its SQL, at 10,000 and 100,000 applications';
const description =
  `The real server app in its own process (production configuration, pool of 10). **Data**: ${formatNumber(ENTRIES)} journal entries ` +
  '(bench/support/ledger-fill.ts: commitments and releases over 1,000 grants), then files in SQL (bench/support/applications-fill.ts): ' +
  'each with its enterprise, profile (twelve regions, ten of them targets), submission and screening; the 1,000 grants of the journal are ' +
  'approved files (recommendation and decision), every twentieth other file declined. Filling is not measured. ' +
  `**Platform**: \`GET /api/v1/rollout/dashboard\` as an auditor, one request at a time, ${WARM_UP} discarded then ${SAMPLES} timed. ` +
  '**Baseline**: the dashboard\'s own statements (figures by region, envelope, timeline by quarter, regional targets) run by a bare `pg` ' +
  `client in one REPEATABLE READ transaction, the same way, ${WARM_UP} discarded then ${SAMPLES} timed, in the same run. The API's totals are ` +
  `checked equal to the baseline's. **Targets**: API p95 ≤ ${RATIO_TARGET} × SQL p95, and ≤ ${P95_TARGET_MS} ms, at the largest size; ` +
  'the growth from the smallest size to the largest is reported for both.';

interface SizeResult {
  applications: number;
  api: { p50: number; p95: number };
  sql: { p50: number; p95: number };
}

export const rolloutDashboard: Benchmark = {
  name: 'dashboard',
  title,
  description,
  async run({ databaseUrl }: BenchmarkContext): Promise<BenchmarkReport> {
    await fillLedger(databaseUrl, 1, ENTRIES);
    const results: SizeResult[] = [];
    let filled = 0;
    const errors: string[] = [];
    for (const size of SIZES) {
      await fillApplications(databaseUrl, filled, size - 1);
      filled = size;
      results.push(await withPlatformServer(databaseUrl, async (server, config) => {
        const [auditor] = await prepareStaff(server.url, databaseUrl, config, `tableau-${size}`, ['AUDITOR']);
        const result = await measure(server, auditor, databaseUrl, size);
        errors.push(...serverErrors(server.output()));
        return result;
      }));
    }
    const largest = results[results.length - 1];
    const smallest = results[0];
    const ratio = largest.api.p95 / largest.sql.p95;
    const passed = ratio <= RATIO_TARGET && largest.api.p95 <= P95_TARGET_MS && errors.length === 0;
    const table = markdownTable(
      ['Applications', 'API p50 / p95 ms', 'SQL p50 / p95 ms', 'API ÷ SQL at p95'],
      results.map((result) => [formatNumber(result.applications), `${formatNumber(result.api.p50, 1)} / ${formatNumber(result.api.p95, 1)}`, `${formatNumber(result.sql.p50, 1)} / ${formatNumber(result.sql.p95, 1)}`, formatNumber(result.api.p95 / result.sql.p95, 2)]),
    );
    const growth = results.length > 1
      ? `**Growth** from ${formatNumber(smallest.applications)} to ${formatNumber(largest.applications)} applications (×${formatNumber(largest.applications / smallest.applications)}): API p95 ×${formatNumber(largest.api.p95 / smallest.api.p95, 2)}, SQL p95 ×${formatNumber(largest.sql.p95 / smallest.sql.p95, 2)}.`
      : '';
    const verdict = `**At ${formatNumber(largest.applications)} applications and ${formatNumber(ENTRIES)} entries**: API p95 ${formatNumber(largest.api.p95, 1)} ms, ${formatNumber(ratio, 2)} × the SQL's (targets ≤ ${RATIO_TARGET} × and ≤ ${P95_TARGET_MS} ms): **${passed ? 'PASS' : 'FAIL'}**`;
    return { title, description, markdown: [table, growth, verdict, ...(errors.length ? [`Server errors: ${errors.slice(0, 5).join('; ')}`] : [])].filter(Boolean).join('\n\n'), passed };
  },
};

async function measure(server: ChildServer, auditor: string, databaseUrl: string, applications: number): Promise<SizeResult> {
  const url = `${server.url}/api/v1/rollout/dashboard`;
  const viaApi = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${auditor}` } });
    if (response.status !== 200) throw new Error(`GET /api/v1/rollout/dashboard answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { total: { received: number; smesFunded: number; committedCents: number } };
  };
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The quarters' starts are read once, as the platform caches them.
    const { starts } = (await client.query(ROLLOUT_QUARTER_STARTS_SQL, [ZONE])).rows[0] as { starts: Date[] };
    const viaSql = async () => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const figures = await client.query(ROLLOUT_FIGURES_SQL, ['FA-2026']);
      await client.query(ROLLOUT_ENVELOPE_SQL, ['FA-2026']);
      await client.query(ROLLOUT_TIMELINE_SQL, ['FA-2026', starts]);
      await client.query(ROLLOUT_TARGETS_SQL, ['FA-2026']);
      await client.query('COMMIT');
      return figures.rows.find((row: { total: boolean }) => row.total) as { received: number; smes_funded: number; committed_cents: string };
    };
    const [apiTotal, sqlTotal] = [(await viaApi()).total, await viaSql()];
    if (apiTotal.received !== applications || apiTotal.received !== sqlTotal.received || apiTotal.smesFunded !== sqlTotal.smes_funded || String(apiTotal.committedCents) !== sqlTotal.committed_cents) {
      throw new Error(`The API and the SQL disagree: ${JSON.stringify(apiTotal)} against ${JSON.stringify(sqlTotal)} (${applications} applications filled)`);
    }
    const time = async (run: () => Promise<unknown>) => {
      for (let index = 0; index < WARM_UP; index++) await run();
      const samples: number[] = [];
      for (let index = 0; index < SAMPLES; index++) {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      }
      return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
    };
    return { applications, api: await time(viaApi), sql: await time(viaSql) };
  } finally {
    await client.end();
  }
}
