import { Workbook } from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@fa/shared';
import { LedgerService } from '@fa/ledger';
import { ExportManifest } from '@fa/audit-exports';
import { csvRecords } from '../support/csv';
import { spawnBuilt } from '../support/processes';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const fileSha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const readManifest = (path: string) => JSON.parse(readFileSync(`${path}.manifest.json`, 'utf8')) as ExportManifest;

describe('ledger:export and audit:export from the command line', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let folder: string;
  const cli = (args: string[]) => spawnBuilt('cli', args, { DATABASE_URL: db.url, LOG_LEVEL: 'silent', USER: 'auditrice' });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    folder = mkdtempSync(join(tmpdir(), 'fa-test-exports-'));
    const ledger = server.app.get(LedgerService);
    for (const [regionCode, amountCents] of [['06', 40_000_000], ['03', 25_000_000], ['06', 10_000_000]] as const) {
      await runInTransaction(server.app.get(DataSource), (manager) =>
        ledger.commit(manager, { idempotencyKey: `approval:${randomUUID()}`, programCode: 'FA-2026', grantId: randomUUID(), amountCents, regionCode, sectorCode: 'HEALTH_AI', actor: randomUUID(), reason: 'Approbation' }),
      );
    }
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes the CSV and its manifest beside it, exit code 0, and records the export', async () => {
    const out = join(folder, 'montreal.csv');
    const run = cli(['ledger:export', '--format', 'csv', '--out', out, '--region', '06']);
    await expect(run.exited).resolves.toEqual({ code: 0, signal: null });
    expect(run.output()).toContain(`to ${out}`);
    const manifest = readManifest(out);
    const [{ count, total }] = await db.query<{ count: number; total: string }>("SELECT count(*)::int AS count, sum(amount_cents)::text AS total FROM ledger_entry WHERE region_code = '06'");
    expect(manifest).toMatchObject({ subject: 'LEDGER', format: 'csv', filters: { region: '06' }, rowCount: count, sha256: fileSha256(out), requestedBy: { accountId: null, label: 'cli (auditrice)' } });
    expect(manifest.accountTotals!.find((row) => row.account === 'ENVELOPE_AVAILABLE:FA-2026')).toEqual({ account: 'ENVELOPE_AVAILABLE:FA-2026', debitCents: 0, creditCents: Number(total) });
    expect(csvRecords(readFileSync(out, 'utf8')).map((record) => record.region_code)).toEqual(['06', '06']);
    const [stored] = await db.query<{ sha256: string }>('SELECT sha256 FROM export_manifest WHERE id = $1', [manifest.exportId]);
    expect(stored.sha256).toBe(manifest.sha256);
    const [audit] = await db.query<{ action: string; actor_label: string }>("SELECT action, actor_label FROM audit_event WHERE object_type = 'export' AND object_id = $1", [manifest.exportId]);
    expect(audit).toEqual({ action: 'ledger.exported', actor_label: 'cli (auditrice)' });
  });

  it('writes XLSX that opens, from the built program', async () => {
    const out = join(folder, 'ledger.xlsx');
    await expect(cli(['ledger:export', '--format', 'xlsx', '--out', out]).exited).resolves.toEqual({ code: 0, signal: null });
    const manifest = readManifest(out);
    expect(manifest.sha256).toBe(fileSha256(out));
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('Ledger')!.rowCount).toBe(manifest.rowCount + 1);
  });

  it('exports the audit trail as JSON Lines with its manifest', async () => {
    const out = join(folder, 'audit.jsonl');
    await expect(cli(['audit:export', '--format', 'jsonl', '--out', out, '--action', 'ledger.']).exited).resolves.toEqual({ code: 0, signal: null });
    const manifest = readManifest(out);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { action: string });
    expect(manifest).toMatchObject({ subject: 'AUDIT_TRAIL', rowCount: lines.length, sha256: fileSha256(out), accountTotals: null });
    expect(lines.map((line) => line.action)).toEqual(['ledger.exported', 'ledger.exported']);
  });

  it('refuses to replace an existing file or to take a bad filter, exit code 1, and exports nothing', async () => {
    const out = join(folder, 'existing.csv');
    writeFileSync(out, 'keep me');
    const [{ before }] = await db.query<{ before: number }>('SELECT count(*)::int AS before FROM export_manifest');
    const existing = cli(['ledger:export', '--out', out]);
    await expect(existing.exited).resolves.toEqual({ code: 1, signal: null });
    expect(existing.output()).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const badPeriod = cli(['ledger:export', '--out', join(folder, 'bad.csv'), '--from', '2026-12-01', '--to', '2026-11-01']);
    await expect(badPeriod.exited).resolves.toEqual({ code: 1, signal: null });
    expect(badPeriod.output()).toContain('INVALID_EXPORT_FILTER: from must not be after to');
    expect(existsSync(join(folder, 'bad.csv'))).toBe(false);
    expect((await db.query<{ after: number }>('SELECT count(*)::int AS after FROM export_manifest'))[0].after).toBe(before);
  });
});
