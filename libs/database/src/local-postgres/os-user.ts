import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OsUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI), the server runs as
 * the `postgres` system user, created if missing. Otherwise it runs as the current user.
 */
export function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup('postgres');
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  const created = lookup('postgres');
  if (!created) throw new Error('Could not create the "postgres" system user to run the embedded PostgreSQL');
  return created;
}

function lookup(name: string): OsUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * The `postgres` user must reach its data folder and the binaries in node_modules. A clone
 * in a private folder (mktemp -d is 0700) would block it, so when we run as root we add the
 * search bit (x, never read) for others on each ancestor that lacks it, and say so.
 */
export function grantTraversal(path: string, log: (line: string) => void): void {
  let dir = dirname(path);
  while (dir !== dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`granted search permission to other users on ${dir} so PostgreSQL (user "postgres") can reach its files`);
    }
    dir = dirname(dir);
  }
}
