import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool, types } from 'pg';
import { sendReady, stopWithParent } from './ready-message';

/**
 * The baseline of the program settings read: bare node:http and a pg pool, no framework.
 * It runs the very statement the platform ran for the same read (recorded by the harness's
 * probe and passed in BENCH_PROGRAM_SQL; the harness checks both again) and answers the
 * same JSON as the platform.
 */
const PROGRAM_SQL = process.env.BENCH_PROGRAM_SQL ?? '';

const ROUTE = /^\/api\/v1\/programs\/([A-Z0-9-]{3,20})$/;

interface ProgramRow {
  code: string;
  name_fr: string;
  name_en: string;
  short_name_fr: string;
  short_name_en: string;
  operator_name: string;
  currency: string;
  envelope_cents: number;
  grant_ceiling_cents: number;
  co_investment_ratio_bps: number;
  roadmap_start_date: string;
  launch_date: string;
  intake_opens_on: string;
  intake_closes_on: string | null;
  updated_at: Date;
  settings_version: number;
}

// This process is only this server, so pg's global parsers may change: dates stay text
// (YYYY-MM-DD, as the platform answers them) and bigint cents become numbers.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
types.setTypeParser(types.builtins.INT8, (value: string) => {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`Not a safe integer: ${value}`);
  return number;
});

function toSettings(row: ProgramRow): Record<string, unknown> {
  return {
    code: row.code,
    nameFr: row.name_fr,
    nameEn: row.name_en,
    shortNameFr: row.short_name_fr,
    shortNameEn: row.short_name_en,
    operatorName: row.operator_name,
    currency: row.currency,
    envelopeCents: row.envelope_cents,
    grantCeilingCents: row.grant_ceiling_cents,
    coInvestmentRatioBps: row.co_investment_ratio_bps,
    roadmapStartDate: row.roadmap_start_date,
    launchDate: row.launch_date,
    intakeOpensOn: row.intake_opens_on,
    intakeClosesOn: row.intake_closes_on,
    updatedAt: row.updated_at.toISOString(),
    settingsVersion: row.settings_version,
  };
}

async function answer(pool: Pool, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = request.method === 'GET' ? ROUTE.exec(request.url ?? '') : null;
  const row = match ? (await pool.query<ProgramRow>(PROGRAM_SQL, [match[1]])).rows[0] : undefined;
  if (row) send(response, 200, toSettings(row));
  else send(response, 404, { code: 'NOT_FOUND' });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

async function main(): Promise<void> {
  stopWithParent();
  if (!PROGRAM_SQL) throw new Error('BENCH_PROGRAM_SQL is not set: the harness passes the SQL the platform ran');
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  // Without a listener, an idle connection that PostgreSQL ends would crash the process.
  pool.on('error', (error) => console.error('baseline-server: idle connection lost:', error.message));
  const server = createServer((request, response) => {
    answer(pool, request, response).catch((error: unknown) => {
      console.error('baseline-server:', error);
      if (!response.headersSent) send(response, 500, { code: 'INTERNAL_ERROR' });
    });
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sendReady({ port: (server.address() as AddressInfo).port, queries: [PROGRAM_SQL] });
}

void main().catch((error: unknown) => {
  console.error('baseline-server failed:', error);
  process.exit(1);
});
