import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { AppConfig, loadConfig, projectRoot } from '@fa/shared';
import { LocalPostgres, runMigrations } from '@fa/database';
import { DevSmtpServer } from '@fa/notifications';
import { EMBEDDED_DATABASE, embeddedPostgres, withCliApp } from '../cli-context';
import { DemoDataService } from '../demo/demo-data.service';
import { DEMO_GENERATED, loadGeneratedDemoSet } from './demo-generate-command';
import { printBanner } from './banner';

const say = (line: string) => console.log(`[fa] ${line}`);
const CHILD_STOP_TIMEOUT_MS = 15_000;

interface RunningChild {
  name: 'server' | 'worker';
  process: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * `npm start`: the whole platform on one machine. Without DATABASE_URL it runs the embedded
 * PostgreSQL; without SMTP_HOST, an in-process SMTP server whose mail shows at /dev/mail.
 * Then it migrates, loads demo data once, runs the server and the worker as separate
 * processes (as in production), and on Ctrl-C/SIGTERM stops them, then the database.
 */
export async function startPlatform(config: AppConfig): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let postgres: LocalPostgres | undefined;
  let smtp: DevSmtpServer | undefined;
  const children: RunningChild[] = [];
  let stopping = false;

  const stop = async (exitCode: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      say('stopping…');
      await Promise.all(children.map(stopChild));
      await smtp?.stop();
      await postgres?.stop();
      say('stopped');
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    if (!config.DATABASE_URL) {
      postgres = embeddedPostgres(config, say);
      await postgres.start();
      await postgres.ensureDatabase(EMBEDDED_DATABASE);
      env.DATABASE_URL = postgres.url(EMBEDDED_DATABASE);
    }
    const { applied } = await runMigrations(env.DATABASE_URL!);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
    if (!config.SMTP_HOST) {
      smtp = new DevSmtpServer({ port: config.SMTP_PORT, mailDir: resolve(projectRoot(), config.DEV_MAIL_DIR) });
      await smtp.start();
      env.SMTP_HOST = '127.0.0.1';
      say(`in-process SMTP server on 127.0.0.1:${smtp.port}; mail kept in ${config.DEV_MAIL_DIR}`);
    }
    const runtime = loadConfig(env);
    if (runtime.NODE_ENV !== 'production') {
      const loaded = await withCliApp(runtime, (app) => app.get(DemoDataService).loadAll());
      if (await loadGeneratedDemoSet(runtime)) loaded.push(`${DEMO_GENERATED.name} (${DEMO_GENERATED.smes} SMEs across the regions)`);
      say(loaded.length ? `demo data loaded: ${loaded.join(', ')}` : 'demo data already loaded');
    }
    const server = spawnChild('server', env);
    const worker = spawnChild('worker', env);
    children.push(server, worker);
    for (const child of children) {
      void child.exited.then((code) => {
        if (!stopping) {
          say(`the ${child.name} stopped unexpectedly (exit ${code}); stopping the platform`);
          void stop(1);
        }
      });
    }
    const [serverReady] = await Promise.all([waitReady(server), waitReady(worker)]);
    printBanner(runtime, serverReady.url, postgres !== undefined, smtp !== undefined);
  } catch (error) {
    console.error(`[fa] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

function spawnChild(name: 'server' | 'worker', env: NodeJS.ProcessEnv): RunningChild {
  const entry = resolve(__dirname, '..', '..', '..', name, 'src', 'main.js');
  const child = fork(entry, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { name, process: child, exited };
}

function waitReady(child: RunningChild): Promise<{ url?: string }> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${child.name} did not start within 60 s`)), 60_000);
    child.process.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolveReady(message);
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the ${child.name} exited during start-up (exit ${code})`));
    });
  });
}

async function stopChild(child: RunningChild): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), CHILD_STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([child.exited, timeout])) === 'timeout') {
    say(`the ${child.name} did not stop within ${CHILD_STOP_TIMEOUT_MS / 1000} s; killing it`);
    child.process.kill('SIGKILL');
    await child.exited;
  }
}
