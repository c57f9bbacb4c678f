import { cpus } from 'node:os';
import { BenchmarkReport } from './benchmark';

export interface RunInfo {
  postgresVersion: string;
  durationSeconds: number;
  date: Date;
  /** 1-minute load average before the run: other work on the machine skews the numbers. */
  loadAverage: number;
}

/** A markdown table padded into columns, so it also reads well in a terminal. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

export function section(report: BenchmarkReport): string {
  return `## ${report.title}\n\n${report.description}\n\n${report.markdown}\n`;
}

export function benchmarksDocument(info: RunInfo, reports: BenchmarkReport[]): string {
  const cpuList = cpus();
  const intro = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run-benchmarks.ts): it builds the project, starts a throwaway PostgreSQL',
    'with the real migrations, then runs each benchmark; each section states its method. A server under test runs',
    'alone in its own process, loaded from the harness process (autocannon, or fetch); warm-up is discarded before',
    `measuring. Load runs of the settings read last ${info.durationSeconds} s (\`BENCH_DURATION_SECONDS\`). Numbers depend on the machine;`,
    'compare ratios, not absolutes.',
    '',
    `- Machine: ${cpuList.length} CPU cores, ${cpuList[0]?.model.trim() ?? 'unknown model'} (load generator, servers and PostgreSQL share them)`,
    `- Node.js ${process.version}`,
    `- PostgreSQL ${info.postgresVersion}, throwaway mode (fsync, synchronous_commit and full_page_writes off)`,
    `- Date: ${info.date.toISOString()}; 1-minute load average before the run: ${formatNumber(info.loadAverage, 2)}`,
    '',
  ].join('\n');
  return [intro, ...reports.map(section)].join('\n');
}

/**
 * What a run of some benchmarks only writes: the document with their sections put in place of
 * the sections of the same title (added at the end when there is none), each saying when it was
 * measured alone; the other sections and the introduction stay as the last run left them.
 */
export function updatedDocument(document: string, info: RunInfo, reports: BenchmarkReport[], command: string): string {
  const parts = document.split(/\n(?=## )/);
  for (const report of reports) {
    const note =
      `Measured alone (\`${command}\`) on ${info.date.toISOString()}, 1-minute load average before the run ${formatNumber(info.loadAverage, 2)}, ` +
      `Node.js ${process.version}, PostgreSQL ${info.postgresVersion}; the machine is the one described at the top.`;
    const text = section({ ...report, markdown: `${note}\n\n${report.markdown}` });
    const index = parts.findIndex((part) => part.startsWith(`## ${report.title}\n`));
    if (index >= 0) parts[index] = text;
    else parts.push(text);
  }
  return parts.join('\n');
}
