import { AuditExportsService, ExportDownload, MAX_CONCURRENT_EXPORTS } from '@fa/audit-exports';
import { TEST_PASSWORD, createActiveAccount } from '../support/accounts';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { fillLedger } from '../../bench/support/ledger-fill';

/** Enough entries (about 8 MB of CSV) that a download outlasts the socket's buffers and can be cut in the middle. */
const ENTRIES = 20_000;
const requester = { accountId: null, label: 'test', clientAddress: null };

describe('ledger exports cut short', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    await createActiveAccount(server.app, { email: 'auditor@interrupted.example', role: 'AUDITOR' });
    token = (await apiClient(server.url).post('/api/v1/auth/token', { email: 'auditor@interrupted.example', password: TEST_PASSWORD })).body.accessToken as string;
    await fillLedger(db.url, 1, ENTRIES);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const manifests = async (exportId: string) => (await db.query('SELECT 1 FROM export_manifest WHERE id = $1', [exportId])).length;
  const auditOutcomes = async (exportId: string) => (await db.query<{ outcome: string }>("SELECT outcome FROM audit_event WHERE object_type = 'export' AND object_id = $1", [exportId])).map((row) => row.outcome);
  /** Sessions of the server's pool still inside a transaction: an export that let go of its snapshot leaves none. */
  const openTransactions = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fa-server' AND state LIKE 'idle in transaction%'"))[0].n;

  it('stores no manifest for a download the client abandons midway, records the attempt as FAILURE and gives the connection back', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/v1/ledger/export?format=csv`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const exportId = response.headers.get('x-export-id')!;
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    abort.abort();
    await eventually(async () => expect(await auditOutcomes(exportId)).toEqual(['FAILURE']));
    expect(await manifests(exportId)).toBe(0);
    expect((await apiClient(server.url).get(`/api/v1/ledger/exports/${exportId}/manifest`, { token })).status).toBe(404);
    await eventually(async () => expect(await openTransactions()).toBe(0));
    // The next export runs to its end.
    const whole = await fetch(`${server.url}/api/v1/ledger/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await whole.text()).trimEnd().split('\n').length).toBeGreaterThan(ENTRIES);
    const manifest = (await apiClient(server.url).get(`/api/v1/ledger/exports/${whole.headers.get('x-export-id')}/manifest`, { token })).body;
    const [head] = await db.query<{ position: number; hash: string }>('SELECT position::int AS position, hash FROM ledger_entry ORDER BY position DESC LIMIT 1');
    expect(manifest).toMatchObject({ rowCount: ENTRIES + 1, chainHead: head });
  });

  it.each(['csv', 'jsonl', 'xlsx'] as const)('stores no manifest when the %s stream is destroyed before its end', async (format) => {
    const download = await server.app.get(AuditExportsService).exportLedger({}, format, requester);
    download.content.destroy();
    await expect(download.manifest).rejects.toThrow();
    await eventually(async () => expect(await auditOutcomes(download.exportId)).toEqual(['FAILURE']));
    expect(await manifests(download.exportId)).toBe(0);
    await eventually(async () => expect(await openTransactions()).toBe(0));
  });

  it('ends an export whose session is lost while no query runs on it (the error is heard, the process goes on)', async () => {
    const download = await server.app.get(AuditExportsService).exportLedger({}, 'xlsx', requester);
    const reader = download.content[Symbol.asyncIterator]();
    await reader.next();
    // Held back by its reader, the export waits between two fetches: its session is idle, inside its snapshot.
    const idleSnapshot = "datname = current_database() AND application_name = 'fa-server' AND state = 'idle in transaction' AND backend_xmin IS NOT NULL AND clock_timestamp() - state_change > interval '300 milliseconds'";
    await eventually(async () => expect(await db.query(`SELECT pid FROM pg_stat_activity WHERE ${idleSnapshot}`)).toHaveLength(1));
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${idleSnapshot}`);
    // pg emits the session's end as an `error` event of the client: unheard, it would end the process and the export would never settle.
    await expect(download.manifest).rejects.toThrow(/terminating connection|terminated/);
    await eventually(async () => expect(await auditOutcomes(download.exportId)).toEqual(['FAILURE']));
    await eventually(async () => expect(await openTransactions()).toBe(0));
  });

  it(`runs at most ${MAX_CONCURRENT_EXPORTS} exports at once and says when to try again`, async () => {
    const exports = server.app.get(AuditExportsService);
    const running: ExportDownload[] = [];
    for (let index = 0; index < MAX_CONCURRENT_EXPORTS; index++) running.push(await exports.exportLedger({}, 'csv', requester));
    await expect(exports.exportLedger({}, 'csv', requester)).rejects.toMatchObject({ code: 'EXPORTS_BUSY' });
    const refused = await apiClient(server.url).get('/api/v1/ledger/export', { token });
    expect(refused).toMatchObject({ status: 503, body: { code: 'EXPORTS_BUSY' } });
    expect(refused.headers.get('retry-after')).toBe('10');
    for (const download of running) download.content.destroy();
    await eventually(async () => {
      const next = await exports.exportLedger({ type: 'ENVELOPE_FUNDING' }, 'jsonl', requester);
      const text = (await next.content.toArray()).join('');
      expect(JSON.parse(text)).toMatchObject({ entry_type: 'ENVELOPE_FUNDING' });
      await expect(next.manifest).resolves.toMatchObject({ rowCount: 1 });
    });
  });
});

describe('ledger exports that stall or lose their session', () => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    // One second without a byte taken ends an export here (two minutes by default).
    server = await startServer(testConfig(db.url, { EXPORT_STALL_SECONDS: '1' }));
    await fillLedger(db.url, 1, ENTRIES);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const exports = () => server.app.get(AuditExportsService);
  const failures = async (exportId: string) =>
    db.query<{ outcome: string; stage: string; reason: string }>("SELECT outcome, details->>'stage' AS stage, details->>'reason' AS reason FROM audit_event WHERE object_type = 'export' AND object_id = $1 ORDER BY chain_position", [exportId]);
  const exportSessions = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fa-server' AND backend_xmin IS NOT NULL AND state <> 'active'"))[0].n;

  it('ends a download nobody reads any more, records it, and gives its connection and its slot back', async () => {
    const download = await exports().exportLedger({}, 'csv', requester);
    // Nobody reads `content`: once its buffer is full, no byte moves.
    await expect(download.manifest).rejects.toMatchObject({ code: 'EXPORT_STALLED' });
    await eventually(async () => expect(await failures(download.exportId)).toEqual([{ outcome: 'FAILURE', stage: 'production', reason: 'No byte of the export was taken for 1 s.' }]));
    await eventually(async () => expect(await exportSessions()).toBe(0));
    const next = await exports().exportLedger({ type: 'ENVELOPE_FUNDING' }, 'csv', requester);
    await next.content.toArray();
    await expect(next.manifest).resolves.toMatchObject({ rowCount: 1 });
  });

  it('records a file produced in full whose delivery failed, next to its manifest', async () => {
    const download = await exports().exportLedger({ type: 'ENVELOPE_FUNDING' }, 'jsonl', requester);
    await download.content.toArray();
    await download.manifest;
    await download.reportUndelivered('the connection closed before the whole file was sent');
    expect(await failures(download.exportId)).toEqual([
      { outcome: 'SUCCESS', stage: null, reason: null },
      { outcome: 'FAILURE', stage: 'delivery', reason: 'the connection closed before the whole file was sent' },
    ]);
  });
});
