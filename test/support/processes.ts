import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '@fa/shared';

/** An entry point of the built platform (npm test builds dist/ before the end-to-end tests). */
export function builtEntry(app: 'server' | 'worker' | 'cli'): string {
  return join(projectRoot(), 'dist', 'apps', app, 'src', 'main.js');
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a built entry point as a real process, collecting what it prints. */
export function spawnBuilt(app: 'server' | 'worker' | 'cli', args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(process.execPath, [builtEntry(app), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`No output matching ${pattern} within ${timeoutMs} ms. Output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => setTimeout(() => {
          if (!pattern.test(output)) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`Process exited before printing ${pattern}. Output:\n${output}`));
          }
        }, 50));
        check();
      }),
  };
}

/** Processes whose command line mentions `text` (to prove nothing was left running). */
export function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text], { encoding: 'utf8' }).split('\n').filter((line) => line.trim() && !line.includes('pgrep'));
  } catch {
    return [];
  }
}
