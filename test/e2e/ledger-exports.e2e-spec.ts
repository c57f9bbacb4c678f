import { Workbook } from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock, runInTransaction } from '@fa/shared';
import { LedgerService } from '@fa/ledger';
import { AuditExportsService, ExportManifest } from '@fa/audit-exports';
import { Role } from '@fa/identity';
import { TEST_PASSWORD, createActiveAccount } from '../support/accounts';
import { csvRecords } from '../support/csv';
import { apiClient } from '../support/http-client';
import { ledgerPoster } from '../support/ledger-entries';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const TIME_ZONE = 'America/Toronto';

/** Grants of the journal this file builds; B and C sit on either side of midnight in Québec. */
const GRANT_A = randomUUID();
const GRANT_B = randomUUID();
const GRANT_C = randomUUID();
/** What CSV must quote and JSON must escape: a comma, quotes, a line break, a tab, a backslash, a control character. */
const AWKWARD_REASON = 'Approbation, dossier "A"\nseconde ligne\t\\ fin \u0001 «é»';

describe('ledger exports', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new FixedClock(new Date('2026-11-02T15:00:00Z'));
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url, { APP_TIME_ZONE: TIME_ZONE }), clock);
    const api = apiClient(server.url);
    for (const role of ['AUDITOR', 'ADMINISTRATOR', 'REVIEWER', 'APPROVER', 'APPLICANT'] as const) {
      const email = `${role.toLowerCase()}@exports.example`;
      await createActiveAccount(server.app, { email, role });
      tokens.set(role, (await api.post('/api/v1/auth/token', { email, password: TEST_PASSWORD })).body.accessToken as string);
    }
    await seedJournal();
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  async function seedJournal(): Promise<void> {
    const post = ledgerPoster(server.app, clock);
    await post('2026-11-02T15:00:00Z', 'commit', GRANT_A, 40_000_000, '06', 'MANUFACTURING_ROBOTICS', AWKWARD_REASON);
    // 23:30 on 29 November in Québec, 30 November in UTC.
    await post('2026-11-30T04:30:00Z', 'commit', GRANT_B, 25_000_000, '03', 'HEALTH_AI', 'Approbation B');
    // 23:30 on 30 November in Québec, 1 December in UTC: still November for the auditor.
    await post('2026-12-01T04:30:00Z', 'release', GRANT_B, 5_000_000, '03', 'HEALTH_AI', 'Réduction B');
    // 00:30 on 1 December in Québec.
    await post('2026-12-01T05:30:00Z', 'commit', GRANT_C, 10_000_000, '06', 'CONSTRUCTION_AI', 'Approbation C');
    clock.set(new Date('2026-12-02T15:00:00Z'));
  }

  const download = async (path: string, role: Role = 'AUDITOR') => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  const manifestOf = async (id: string, subject: 'ledger' | 'audit-events' = 'ledger') => {
    const response = await apiClient(server.url).get(`/api/v1/${subject}/exports/${id}/manifest`, { token: tokens.get('AUDITOR') });
    expect(response.status).toBe(200);
    return response.body as unknown as ExportManifest;
  };

  /** The database's own count and totals for a condition, computed here without the code under test. */
  async function expectedFromDatabase(condition: string): Promise<{ rowCount: number; accountTotals: { account: string; debitCents: number; creditCents: number }[]; head: { position: number; hash: string } }> {
    const [{ count }] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ledger_entry WHERE ${condition}`);
    const debits = await db.query<{ account: string; total: string }>(`SELECT debit_account AS account, sum(amount_cents)::text AS total FROM ledger_entry WHERE ${condition} GROUP BY 1`);
    const credits = await db.query<{ account: string; total: string }>(`SELECT credit_account AS account, sum(amount_cents)::text AS total FROM ledger_entry WHERE ${condition} GROUP BY 1`);
    const accounts = [...new Set([...debits, ...credits].map((row) => row.account))].sort();
    const totalOf = (rows: { account: string; total: string }[], account: string) => Number(rows.find((row) => row.account === account)?.total ?? 0);
    const [head] = await db.query<{ position: number; hash: string }>('SELECT position::int AS position, hash FROM ledger_entry ORDER BY position DESC LIMIT 1');
    return { rowCount: count, accountTotals: accounts.map((account) => ({ account, debitCents: totalOf(debits, account), creditCents: totalOf(credits, account) })), head };
  }

  it('exports the whole journal as CSV whose manifest matches the database and the downloaded bytes', async () => {
    const file = await download('/api/v1/ledger/export?format=csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv"/);
    const exportId = file.headers.get('x-export-id')!;
    const manifest = await manifestOf(exportId);
    const expected = await expectedFromDatabase('true');
    expect(manifest).toMatchObject({ exportId, subject: 'LEDGER', format: 'csv', filters: {}, rowCount: expected.rowCount, accountTotals: expected.accountTotals, chainHead: expected.head });
    expect(manifest.sha256).toBe(sha256(file.bytes));
    expect(manifest.byteCount).toBe(file.bytes.length);
    expect(manifest.requestedBy).toMatchObject({ label: 'auditor@exports.example' });
    const records = csvRecords(Buffer.from(file.bytes).toString('utf8'));
    expect(records).toHaveLength(expected.rowCount);
    expect(records.map((record) => Number(record.position))).toEqual(records.map((_, index) => index + 1));
    expect(records.find((record) => record.grant_id === GRANT_A)?.reason).toBe(AWKWARD_REASON);
    const [audit] = await db.query<{ action: string; outcome: string; actor_label: string; details: { sha256: string } }>(
      "SELECT action, outcome, actor_label, details FROM audit_event WHERE object_type = 'export' AND object_id = $1", [exportId],
    );
    expect(audit).toMatchObject({ action: 'ledger.exported', outcome: 'SUCCESS', actor_label: 'auditor@exports.example', details: { sha256: manifest.sha256 } });
  });

  it('writes every field the hash chain covers, so a reader recomputes each entry’s hash from the file alone', async () => {
    const file = await download('/api/v1/ledger/export');
    const records = csvRecords(Buffer.from(file.bytes).toString('utf8'));
    for (const record of records) {
      const digestOf = [record.id, record.position, record.idempotency_key, record.entry_type, record.amount_cents, record.debit_account, record.credit_account,
        record.grant_id, record.region_code, record.sector_code, record.actor, record.reason, record.occurred_at, record.previous_hash].join('|');
      expect([record.position, createHash('sha256').update(digestOf, 'utf8').digest('hex')]).toEqual([record.position, record.hash]);
    }
    // Each entry links to the one before it.
    for (let index = 1; index < records.length; index++) expect(records[index].previous_hash).toBe(records[index - 1].hash);
  });

  it('filters by period in the platform’s time zone, by region, sector, grant and type: rows and totals equal the database’s', async () => {
    const november = `(occurred_at AT TIME ZONE '${TIME_ZONE}')::date BETWEEN '2026-11-01' AND '2026-11-30'`;
    const cases: { query: string; condition: string; check: (record: Record<string, string>) => boolean }[] = [
      { query: 'from=2026-11-01&to=2026-11-30', condition: november, check: (record) => record.grant_id !== GRANT_C },
      { query: 'region=06', condition: "region_code = '06'", check: (record) => record.region_code === '06' },
      { query: 'sector=HEALTH_AI', condition: "sector_code = 'HEALTH_AI'", check: (record) => record.sector_code === 'HEALTH_AI' },
      { query: `grant=${GRANT_B}`, condition: `grant_id = '${GRANT_B}'`, check: (record) => record.grant_id === GRANT_B },
      { query: 'type=COMMITMENT_RELEASE', condition: "entry_type = 'COMMITMENT_RELEASE'", check: (record) => record.entry_type === 'COMMITMENT_RELEASE' },
      { query: 'from=2026-12-01&region=06', condition: `(occurred_at AT TIME ZONE '${TIME_ZONE}')::date >= '2026-12-01' AND region_code = '06'`, check: (record) => record.grant_id === GRANT_C },
    ];
    for (const { query, condition, check } of cases) {
      const file = await download(`/api/v1/ledger/export?format=csv&${query}`);
      expect([query, file.status]).toEqual([query, 200]);
      const records = csvRecords(Buffer.from(file.bytes).toString('utf8'));
      const manifest = await manifestOf(file.headers.get('x-export-id')!);
      const expected = await expectedFromDatabase(condition);
      expect([query, records.length, manifest.rowCount, manifest.accountTotals]).toEqual([query, expected.rowCount, expected.rowCount, expected.accountTotals]);
      expect(records.length).toBeGreaterThan(0);
      expect(records.every(check)).toBe(true);
      expect(manifest.sha256).toBe(sha256(file.bytes));
    }
    // The release at 23:30 on 30 November in Québec belongs to November; the commitment at 00:30 on 1 December does not.
    const november2026 = csvRecords(Buffer.from((await download('/api/v1/ledger/export?from=2026-11-01&to=2026-11-30')).bytes).toString('utf8'));
    expect(november2026.filter((record) => record.grant_id === GRANT_B).map((record) => record.entry_type)).toEqual(['COMMITMENT', 'COMMITMENT_RELEASE']);
    expect((await manifestOf((await download('/api/v1/ledger/export?from=2026-11-01&to=2026-11-30')).headers.get('x-export-id')!)).filters).toEqual({ from: '2026-11-01', to: '2026-11-30', timeZone: TIME_ZONE });
  });

  it('exports XLSX that a spreadsheet library opens, with the rows, numbers as numbers', async () => {
    const file = await download(`/api/v1/ledger/export?format=xlsx&region=06`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const manifest = await manifestOf(file.headers.get('x-export-id')!);
    expect(manifest.sha256).toBe(sha256(file.bytes));
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Ledger')!;
    expect(sheet.rowCount).toBe(manifest.rowCount + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['position', 'id', 'occurred_at', 'entry_type', 'amount_cents']);
    const amounts = Array.from({ length: manifest.rowCount }, (_, index) => sheet.getRow(index + 2).getCell(5).value);
    const [{ total }] = await db.query<{ total: string }>("SELECT sum(amount_cents)::text AS total FROM ledger_entry WHERE region_code = '06'");
    expect(amounts.every((amount) => typeof amount === 'number')).toBe(true);
    expect((amounts as number[]).reduce((sum, amount) => sum + amount, 0)).toBe(Number(total));
  });

  it('exports JSON Lines, one parsable entry per line', async () => {
    const file = await download(`/api/v1/ledger/export?format=jsonl&grant=${GRANT_B}`);
    expect(file.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    const manifest = await manifestOf(file.headers.get('x-export-id')!);
    expect(manifest.sha256).toBe(sha256(file.bytes));
    const lines = Buffer.from(file.bytes).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => [entry.entry_type, entry.amount_cents, entry.grant_id, entry.region_code])).toEqual([
      ['COMMITMENT', 25_000_000, GRANT_B, '03'],
      ['COMMITMENT_RELEASE', 5_000_000, GRANT_B, '03'],
    ]);
    expect(manifest.accountTotals).toEqual([
      { account: `COMMITTED:${GRANT_B}`, debitCents: 25_000_000, creditCents: 5_000_000 },
      { account: 'ENVELOPE_AVAILABLE:FA-2026', debitCents: 5_000_000, creditCents: 25_000_000 },
    ]);
  });

  it('writes the same rows and values in JSON Lines as in CSV, one line per entry whatever its text holds', async () => {
    const csv = csvRecords(Buffer.from((await download('/api/v1/ledger/export?format=csv')).bytes).toString('utf8'));
    const file = await download('/api/v1/ledger/export?format=jsonl');
    const lines = Buffer.from(file.bytes).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(csv.length);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, string | number | null>);
    // CSV writes NULL and numbers as text; JSON keeps null and numbers.
    expect(entries.map((entry) => Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, value === null ? '' : String(value)])))).toEqual(csv);
    expect(entries.find((entry) => entry.grant_id === GRANT_A)?.reason).toBe(AWKWARD_REASON);
    expect((await manifestOf(file.headers.get('x-export-id')!)).sha256).toBe(sha256(file.bytes));
  });

  it('takes rows, totals and chain head from one snapshot: an entry committed during the download is in neither', async () => {
    const exports = server.app.get(AuditExportsService);
    const started = await exports.exportLedger({}, 'jsonl', { accountId: null, label: 'test', clientAddress: null });
    const dataSource = server.app.get(DataSource);
    await runInTransaction(dataSource, (manager) =>
      server.app.get(LedgerService).commit(manager, { idempotencyKey: `late:${randomUUID()}`, programCode: 'FA-2026', grantId: randomUUID(), amountCents: 1, regionCode: '06', sectorCode: 'HEALTH_AI', actor: 'test', reason: 'Late' }),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of started.content) chunks.push(chunk as Buffer);
    const manifest = await started.manifest;
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM ledger_entry');
    expect(manifest.rowCount).toBe(count - 1);
    expect(Buffer.concat(chunks).toString('utf8').trimEnd().split('\n')).toHaveLength(count - 1);
    expect(manifest.chainHead.position).toBe(count - 1);
  });

  it('pages through the journal by position with the same filters', async () => {
    const api = apiClient(server.url);
    const positions: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page = await api.get(`/api/v1/ledger/entries?limit=2&after=${after}`, { token: tokens.get('ADMINISTRATOR') });
      expect(page.status).toBe(200);
      const body = page.body as { entries: { position: number; amountCents: number }[]; nextAfter: number | null };
      positions.push(...body.entries.map((entry) => entry.position));
      after = body.nextAfter;
    }
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM ledger_entry');
    expect(positions).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    const filtered = await api.get(`/api/v1/ledger/entries?sector=HEALTH_AI&from=2026-11-01&to=2026-11-30`, { token: tokens.get('AUDITOR') });
    expect((filtered.body as { entries: { grantId: string; entryType: string; amountCents: number }[] }).entries.map((entry) => [entry.grantId, entry.entryType, entry.amountCents])).toEqual([
      [GRANT_B, 'COMMITMENT', 25_000_000],
      [GRANT_B, 'COMMITMENT_RELEASE', 5_000_000],
    ]);
  });

  it('refuses bad filters with a code, before any export starts', async () => {
    const api = apiClient(server.url);
    const token = tokens.get('AUDITOR');
    expect(await api.get('/api/v1/ledger/export?from=2026-11-31', { token })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await api.get('/api/v1/ledger/export?format=pdf', { token })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await api.get("/api/v1/ledger/export?region=06'%20OR%20'1'='1", { token })).toMatchObject({ status: 400 });
    expect(await api.get('/api/v1/ledger/export?from=2026-12-01&to=2026-11-01', { token })).toMatchObject({ status: 400, body: { code: 'INVALID_EXPORT_FILTER' } });
    expect(await api.get('/api/v1/ledger/entries?from=2026-12-01&to=2026-11-01', { token })).toMatchObject({ status: 400, body: { code: 'INVALID_EXPORT_FILTER' } });
    expect(await api.get(`/api/v1/ledger/exports/${randomUUID()}/manifest`, { token })).toMatchObject({ status: 404, body: { code: 'EXPORT_NOT_FOUND' } });
    expect(await api.get('/api/v1/ledger/exports/not-an-id/manifest', { token })).toMatchObject({ status: 404, body: { code: 'EXPORT_NOT_FOUND' } });
  });

  it('lets only auditors and administrators read or export the ledger and the audit trail', async () => {
    const api = apiClient(server.url);
    const exported = await download('/api/v1/ledger/export');
    const paths = ['/api/v1/ledger/entries', '/api/v1/ledger/export', `/api/v1/ledger/exports/${exported.headers.get('x-export-id')}/manifest`, '/api/v1/audit-events/export'];
    for (const path of paths) {
      for (const role of ['REVIEWER', 'APPROVER', 'APPLICANT'] as const) expect([path, role, (await api.get(path, { token: tokens.get(role) })).status]).toEqual([path, role, 403]);
      expect([path, (await api.get(path)).status]).toEqual([path, 401]);
    }
    // An audit-trail manifest is not found among the ledger's, and the other way round.
    expect((await api.get(`/api/v1/audit-events/exports/${exported.headers.get('x-export-id')}/manifest`, { token: tokens.get('AUDITOR') })).status).toBe(404);
  });

  it('exports the audit trail the same ways, with its chain head, and records that export in the trail itself', async () => {
    for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
      const file = await download(`/api/v1/audit-events/export?format=${format}`, 'ADMINISTRATOR');
      expect([format, file.status]).toEqual([format, 200]);
      const exportId = file.headers.get('x-export-id')!;
      const manifest = await manifestOf(exportId, 'audit-events');
      expect(manifest).toMatchObject({ subject: 'AUDIT_TRAIL', format, accountTotals: null, sha256: sha256(file.bytes) });
      // Everything up to the snapshot's head, and nothing after it.
      const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM audit_event WHERE chain_position <= $1', [manifest.chainHead.position]);
      const [head] = await db.query<{ hash: string }>('SELECT hash FROM audit_event WHERE chain_position = $1', [manifest.chainHead.position]);
      expect([manifest.rowCount, manifest.chainHead.hash]).toEqual([count, head.hash]);
      const [recorded] = await db.query<{ chain_position: string; action: string }>("SELECT chain_position, action FROM audit_event WHERE object_type = 'export' AND object_id = $1", [exportId]);
      expect(recorded.action).toBe('audit.exported');
      expect(Number(recorded.chain_position)).toBeGreaterThan(manifest.chainHead.position);
      if (format === 'csv') expect(csvRecords(Buffer.from(file.bytes).toString('utf8'))).toHaveLength(count);
      if (format === 'jsonl') expect(Buffer.from(file.bytes).toString('utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { details: unknown }).details).every((details) => typeof details === 'object')).toBe(true);
    }
    const ledgerOnly = await download('/api/v1/audit-events/export?action=ledger.');
    const records = csvRecords(Buffer.from(ledgerOnly.bytes).toString('utf8'));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => record.action.startsWith('ledger.'))).toBe(true);
  });
});
