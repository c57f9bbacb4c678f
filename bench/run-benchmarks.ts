import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fromProjectRoot } from '@fa/shared';
import { approvalContention } from './benchmarks/approval-contention';
import { ledgerExport } from './benchmarks/ledger-export';
import { programSettingsRead } from './benchmarks/program-settings-read';
import { screeningThroughput } from './benchmarks/screening-throughput';
import { submissionBurst } from './benchmarks/submission-burst';
import { rolloutDashboard } from './benchmarks/rollout-dashboard';
import { Benchmark, BenchmarkContext, BenchmarkReport } from './support/benchmark';
import { startBenchDatabase } from './support/bench-database';
import { stopChildServers } from './support/child-server';
import { benchmarksDocument, section, updatedDocument } from './support/report';

/** Each benchmark adds its own section to docs/benchmarks.md. */
const BENCHMARKS: Benchmark[] = [programSettingsRead, screeningThroughput, submissionBurst, approvalContention, ledgerExport, rolloutDashboard];

const DOCUMENT = fromProjectRoot('docs', 'benchmarks.md');

/**
 * `npm run bench` runs every benchmark and writes the whole document; `npm run bench -- approvals
 * submissions` runs those named only, in the usual order, and replaces only their sections.
 */
async function main(): Promise<number> {
  const selected = selectedBenchmarks(process.argv.slice(2));
  const durationSeconds = durationFromEnvironment();
  const started = { date: new Date(), loadAverage: loadavg()[0] ?? 0 };
  console.log('Starting a throwaway PostgreSQL…');
  const database = await startBenchDatabase();
  // pg_ctl runs PostgreSQL in its own session: without this, Ctrl-C would leave it running.
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals): void => {
    interrupted = true;
    void stopChildServers()
      .then(() => database.dispose())
      .finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const reports: BenchmarkReport[] = [];
  try {
    for (const benchmark of selected) {
      if (interrupted) break;
      console.log(`\nRunning: ${benchmark.title}`);
      const report = await runOne(benchmark, { databaseUrl: database.url, durationSeconds });
      console.log(`\n${section(report)}`);
      reports.push(report);
    }
  } finally {
    await database.dispose();
  }
  // An interrupted run has no complete measurement: keep the previous document.
  if (interrupted) return 130;
  mkdirSync(dirname(DOCUMENT), { recursive: true });
  const info = { postgresVersion: database.serverVersion, durationSeconds, ...started };
  const partial = selected.length < BENCHMARKS.length && existsSync(DOCUMENT);
  const command = `npm run bench -- ${selected.map((benchmark) => benchmark.name).join(' ')}`;
  writeFileSync(DOCUMENT, partial ? updatedDocument(readFileSync(DOCUMENT, 'utf8'), info, reports, command) : benchmarksDocument(info, reports));
  console.log(`Wrote ${DOCUMENT}`);
  return reports.every((report) => report.passed) ? 0 : 1;
}

/** A benchmark that throws fails, and its section says why; the others still run. */
async function runOne(benchmark: Benchmark, context: BenchmarkContext): Promise<BenchmarkReport> {
  try {
    return await benchmark.run(context);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { title: benchmark.title, description: benchmark.description, markdown: `**ERROR**: the benchmark did not complete.\n\n\`\`\`\n${message}\n\`\`\``, passed: false };
  }
}

function selectedBenchmarks(names: string[]): Benchmark[] {
  const known = BENCHMARKS.map((benchmark) => benchmark.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`No benchmark named ${unknown.join(', ')}; the benchmarks are: ${known.join(', ')}`);
  return names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((benchmark) => names.includes(benchmark.name));
}

function durationFromEnvironment(): number {
  const text = process.env.BENCH_DURATION_SECONDS ?? '10';
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`BENCH_DURATION_SECONDS must be a whole number of seconds ≥ 1, not "${text}"`);
  return seconds;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('Benchmarks failed:', error);
    process.exitCode = 1;
  },
);
