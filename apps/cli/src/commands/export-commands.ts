import { SingleBar } from 'cli-progress';
import { existsSync, createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppConfig, formatMoney } from '@fa/shared';
import { AuditEventFilter, AuditExportsError, AuditExportsService, ExportDownload, ExportFormat, ExportOptions, ExportRequester, LedgerEntryFilter } from '@fa/audit-exports';
import { withCliApp, withDatabase } from '../cli-context';

/** Below this many rows an export is over before a bar would be worth drawing. */
const PROGRESS_BAR_FROM_ROWS = 10_000;

interface FileOptions {
  format: ExportFormat;
  out?: string;
  force?: boolean;
}

export type LedgerExportOptions = FileOptions & LedgerEntryFilter;
export type AuditExportOptions = FileOptions & AuditEventFilter;

/** Writes the ledger entries the filters select to a file, and its manifest beside it (`<file>.manifest.json`). */
export function ledgerExportCommand(config: AppConfig, options: LedgerExportOptions): Promise<void> {
  const { format, out, force, ...filter } = options;
  return exportToFile(config, { format, out, force }, 'ledger entries', (exports, requester, progress) => exports.exportLedger(filter, format, requester, progress));
}

export function auditExportCommand(config: AppConfig, options: AuditExportOptions): Promise<void> {
  const { format, out, force, ...filter } = options;
  return exportToFile(config, { format, out, force }, 'audit events', (exports, requester, progress) => exports.exportAuditTrail(filter, format, requester, progress));
}

type StartExport = (exports: AuditExportsService, requester: ExportRequester, options: ExportOptions) => Promise<ExportDownload>;

async function exportToFile(config: AppConfig, file: FileOptions, what: string, start: StartExport): Promise<void> {
  // Refused before the export starts, so that an existing file is never half overwritten.
  if (file.out && !file.force && existsSync(file.out)) throw new Error(`${file.out} already exists; choose another --out, or add --force to replace it`);
  await withDatabase(config, (runtime) =>
    withCliApp(runtime, async (app) => {
      let bar: SingleBar | undefined;
      const download = await start(app.get(AuditExportsService), operator(), { onProgress: (rows) => bar?.update(rows) }).catch(explainExportError);
      const path = resolve(file.out ?? download.fileName);
      if (download.rowCount >= PROGRESS_BAR_FROM_ROWS && process.stderr.isTTY) {
        bar = new SingleBar({ stream: process.stderr, format: `Exporting ${what} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, hideCursor: true });
        bar.start(download.rowCount, 0);
      }
      // A manifest left from the file this one replaces would describe other bytes.
      rmSync(`${path}.manifest.json`, { force: true });
      try {
        await pipeline(download.content, createWriteStream(path, { flags: file.force ? 'w' : 'wx', flush: true }));
      } catch (error) {
        // The file is incomplete (a full disk at its end, say): it goes, and the trail says why.
        rmSync(path, { force: true });
        await download.reportUndelivered(`the file could not be written: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      } finally {
        bar?.stop();
      }
      const manifest = await download.manifest;
      writeFileSync(`${path}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`Exported ${manifest.rowCount} ${what} (${manifest.format}, ${manifest.byteCount} bytes) to ${path}`);
      console.log(`Manifest: ${path}.manifest.json (export ${manifest.exportId}, recorded in the audit trail)`);
      console.log(`SHA-256 ${manifest.sha256}; chain head at position ${manifest.chainHead.position} (${manifest.chainHead.hash})`);
      if (manifest.accountTotals) {
        const sum = (side: 'debitCents' | 'creditCents') => manifest.accountTotals!.reduce((total, account) => total + account[side], 0);
        console.log(`Σ debits ${formatMoney(sum('debitCents'), 'fr')} = Σ credits ${formatMoney(sum('creditCents'), 'fr')} over ${manifest.accountTotals.length} accounts (each account's totals are in the manifest)`);
      }
    }),
  );
}

/** Who acts when an operator runs a command: recorded as such in the manifest and the audit trail. */
function operator(): ExportRequester {
  return { accountId: null, label: `cli (${process.env.USER ?? 'operator'})`, clientAddress: null };
}

function explainExportError(error: unknown): never {
  if (error instanceof AuditExportsError) throw new Error(`${error.code}: ${error.message}`, { cause: error });
  throw error;
}
