import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppConfig } from '@fa/shared';
import { benchServerConfig } from '../servers/bench-config';
import { isReadyMessage } from '../servers/ready-message';

export interface ChildServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The SQL statements one request of the probed route runs. */
  queries: string[];
  /** Process id of the server (to read its memory from /proc). */
  pid: number;
  /** What the server wrote to stdout and stderr so far, by line, when its output is captured (else empty). */
  output(): string[];
}

export interface ChildServerOptions {
  /** Keep the server's output (for the report) instead of passing it to the terminal. */
  captureOutput?: boolean;
}

/** A captured server keeps at most this many lines (the first ones: they show the first failures). */
const MAX_CAPTURED_LINES = 5_000;

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const running = new Set<ChildProcess>();

/**
 * Runs `use` against a server script forked in its own process (its own event loop and CPU
 * share), then stops it, also when `use` fails. `args` go to the script.
 */
export async function withChildServer<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  use: (server: ChildServer) => Promise<T>,
  options: ChildServerOptions = {},
): Promise<T> {
  const output = options.captureOutput ? 'pipe' : 'inherit';
  const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', output, output, 'ipc'] });
  running.add(child);
  const lines: string[] = [];
  if (options.captureOutput) {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream as Readable, crlfDelay: Infinity }).on('line', (line) => {
        if (lines.length < MAX_CAPTURED_LINES) lines.push(line);
      });
    }
  }
  try {
    const server = await ready(child, script).catch((error: unknown) => {
      // A server that could not start explains why in its output.
      if (lines.length > 0) console.error(lines.join('\n'));
      throw error;
    });
    return await use({ ...server, pid: child.pid!, output: () => lines });
  } finally {
    await stop(child);
    running.delete(child);
  }
}

/** The platform server's "now" when files are driven: inside the FA-2026 intake period, wave 1 (Montréal) open, milestones of the drafts ahead. */
export const SERVER_CLOCK_START = '2026-11-23T15:00:00Z';

/**
 * `use` against the real server app (bench/servers/platform-server.ts) in its own process:
 * production configuration, logs at `error` captured for the report, clock started at
 * SERVER_CLOCK_START. `config` is the server's, to sign bearer tokens as it does; `extraEnv` adds
 * to its environment (e.g. NODE_OPTIONS for a variant).
 */
export function withPlatformServer<T>(databaseUrl: string, use: (server: ChildServer, config: AppConfig) => Promise<T>, extraEnv: NodeJS.ProcessEnv = {}): Promise<T> {
  const env = { NODE_ENV: 'production', BENCH_DATABASE_URL: databaseUrl, BENCH_LOG_LEVEL: 'error', BENCH_CLOCK_START: SERVER_CLOCK_START, ...extraEnv };
  const config = benchServerConfig(databaseUrl, 'error');
  const script = join(__dirname, '..', 'servers', 'platform-server.js');
  return withChildServer(script, ['/api/v1/programs/FA-2026'], env, (server) => use(server, config), { captureOutput: true });
}

/** On an interrupt: stops the servers still running, before the database they use goes away. */
export async function stopChildServers(): Promise<void> {
  await Promise.all([...running].map(stop));
}

function ready(child: ChildProcess, script: string): Promise<Omit<ChildServer, 'output' | 'pid'>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${message.port}`, queries: message.queries });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
