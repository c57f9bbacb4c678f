export interface BenchmarkContext {
  /** The migrated bench database. */
  databaseUrl: string;
  /** Length of each measured run. */
  durationSeconds: number;
}

/** What one benchmark contributes to docs/benchmarks.md and to the exit code. */
export interface BenchmarkReport {
  title: string;
  description: string;
  /** Body of its section: tables, ratio lines. */
  markdown: string;
  passed: boolean;
}

export interface Benchmark {
  /** What selects it on the command line: `npm run bench -- <name> …`. */
  name: string;
  title: string;
  description: string;
  run(context: BenchmarkContext): Promise<BenchmarkReport>;
}
