import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { AuditExportsError, AuditExportsErrorCode } from './audit-exports.error';
import { ExportFormat, ExportSubject, contentTypeOf, exportFileName } from './export-format';
import { AccountTotal, ChainHead, ExportManifest } from './export-manifest';
import { ExportManifestRepository } from './export-manifest.repository';
import { ExportColumn, ExportTable, selectJsonLines, selectRows } from './export-sql';
import { ReadSnapshot } from './read-snapshot';
import { FileDigest, SealedDigest } from './sealed-digest';
import { xlsxSource } from './xlsx-source';

/**
 * Exports at once per process. Each holds a pooled connection for as long as its download
 * lasts; the rest of the pool stays for everyone else.
 */
export const MAX_CONCURRENT_EXPORTS = 2;

/** Who asked for an export, as the audit trail and the manifest record it. */
export interface ExportRequester {
  accountId: string | null;
  /** An e-mail address, or `cli (user)`. */
  label: string;
  clientAddress: string | null;
}

export interface ExportOptions {
  /** Rows written so far, as the file is produced (for a progress bar); approximate for CSV. */
  onProgress?: (rowsWritten: number) => void;
}

/** What the snapshot says before the first row is read. */
export interface ExportSummary {
  rowCount: number;
  accountTotals: AccountTotal[] | null;
  chainHead: ChainHead;
}

/** What differs between a ledger export and an audit-trail export. */
export interface ExportPlan {
  subject: ExportSubject;
  table: ExportTable;
  columns: ExportColumn[];
  where: string;
  filters: Record<string, string>;
  sheetName: string;
  /** Recorded in the audit trail: `ledger.exported`, `audit.exported`. */
  auditAction: string;
  summarize(snapshot: ReadSnapshot): Promise<ExportSummary>;
}

/** What one export carries from its start to its manifest. */
interface ExportRun {
  plan: ExportPlan;
  format: ExportFormat;
  requester: ExportRequester;
  snapshot: ReadSnapshot;
  summary: ExportSummary;
  exportId: string;
  fileName: string;
  generatedAt: Date;
}

/** A download under way. */
export interface ExportDownload {
  exportId: string;
  fileName: string;
  contentType: string;
  /** Rows of the snapshot, known before the first byte. */
  rowCount: number;
  /** The file's bytes. Their end is held back until the manifest is stored. */
  content: Readable;
  /** The stored manifest, once the whole file has been produced; rejected if it never is. */
  manifest: Promise<ExportManifest>;
  /**
   * The file was produced and its manifest stored, but did not reach its reader in full (the
   * connection closed before the response's last byte, a disk full at the file's end): the
   * audit trail records it as a FAILURE next to the SUCCESS. Before the manifest, the export
   * records its own failure; this then does nothing.
   */
  reportUndelivered(reason: string): Promise<void>;
}

/**
 * Runs an export: opens one snapshot, reads the summary (count, totals, chain head), then
 * streams the rows (COPY for CSV, a cursor for XLSX and JSON Lines) through a SHA-256. When
 * the last byte is produced, the snapshot is closed, the row count checked against the
 * summary, and the manifest stored with its audit record in one transaction, before the
 * stream ends. A download cut before that stores no manifest and is recorded as FAILURE.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);
  private running = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly manifests: ExportManifestRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(plan: ExportPlan, format: ExportFormat, requester: ExportRequester, options: ExportOptions = {}): Promise<ExportDownload> {
    if (this.running >= MAX_CONCURRENT_EXPORTS) {
      throw new AuditExportsError(AuditExportsErrorCode.EXPORTS_BUSY, `${MAX_CONCURRENT_EXPORTS} exports are already running; try again in a moment.`, { retryAfterSeconds: 10 });
    }
    this.running++;
    let released = false;
    const releaseSlot = () => {
      if (!released) this.running--;
      released = true;
    };
    let snapshot: ReadSnapshot | undefined;
    try {
      snapshot = await ReadSnapshot.open(this.dataSource);
      const summary = await plan.summarize(snapshot);
      return this.stream(plan, format, requester, options, snapshot, summary, releaseSlot);
    } catch (error) {
      snapshot?.abort(error instanceof Error ? error : new Error(String(error)));
      releaseSlot();
      throw error;
    }
  }

  private stream(plan: ExportPlan, format: ExportFormat, requester: ExportRequester, options: ExportOptions, snapshot: ReadSnapshot, summary: ExportSummary, releaseSlot: () => void): ExportDownload {
    const exportId = randomUUID();
    const generatedAt = this.clock.now();
    const run: ExportRun = { plan, format, requester, snapshot, summary, exportId, generatedAt, fileName: exportFileName(plan.subject, format, exportId, generatedAt) };
    const { source, rowsWritten } = this.source(plan, format, snapshot, summary.rowCount, options);
    let sealing: Promise<ExportManifest> | undefined;
    const content = new SealedDigest(async (digest) => {
      sealing = this.seal(run, rowsWritten, digest);
      await sealing;
    });
    // The session lost under the snapshot (no query running to hear it) ends the download too.
    snapshot.onLost((error) => content.destroy(error));
    const stopWatchdog = this.watchStalls(content);
    const manifest = new Promise<ExportManifest>((resolve, reject) => {
      const fail = (error: Error) => {
        snapshot.abort(error);
        reject(error);
        void this.recordInterrupted(run, content.byteCount, error);
      };
      pipeline(source, content, (error) => {
        stopWatchdog();
        releaseSlot();
        // Cut while the manifest was being stored: the export completed, or not, as that store did.
        if (sealing) sealing.then(resolve, fail);
        else fail(error ?? new Error('The export ended before its last byte.'));
      });
    });
    // Nobody may be waiting for it (the API answers with the stream): a failure is recorded above.
    manifest.catch(() => undefined);
    const reportUndelivered = (reason: string) => manifest.then((stored) => this.recordInterrupted(run, stored.byteCount, new Error(reason), 'delivery'), () => undefined);
    return { exportId, fileName: run.fileName, contentType: contentTypeOf(format), rowCount: summary.rowCount, content, manifest, reportUndelivered };
  }

  /**
   * Ends a download whose reader took no byte for EXPORT_STALL_SECONDS (backpressure has held
   * the file's bytes back that long): a paused or forgotten download would otherwise keep its
   * connection, its export slot and its snapshot for ever.
   */
  private watchStalls(content: SealedDigest): () => void {
    const limitMs = this.config.EXPORT_STALL_SECONDS * 1000;
    let bytes = content.byteCount;
    let movedAt = Date.now();
    const timer = setInterval(() => {
      if (content.byteCount !== bytes) {
        bytes = content.byteCount;
        movedAt = Date.now();
      } else if (Date.now() - movedAt >= limitMs) {
        content.destroy(Object.assign(new Error(`No byte of the export was taken for ${this.config.EXPORT_STALL_SECONDS} s.`), { code: 'EXPORT_STALLED' }));
      }
    }, Math.min(limitMs / 4, 15_000));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The last byte is produced: close the snapshot, check the row count, store the manifest and its audit record. */
  private async seal(run: ExportRun, rowsWritten: () => number, digest: FileDigest): Promise<ExportManifest> {
    // COPY's row count arrives after its last row: closing the snapshot waits for it.
    await run.snapshot.close();
    if (rowsWritten() !== run.summary.rowCount) throw new Error(`The file holds ${rowsWritten()} rows, the snapshot counted ${run.summary.rowCount}.`);
    const { plan, requester } = run;
    const manifest: ExportManifest = {
      exportId: run.exportId, subject: plan.subject, format: run.format, fileName: run.fileName, filters: plan.filters, ...run.summary, ...digest,
      generatedAt: run.generatedAt.toISOString(), completedAt: this.clock.now().toISOString(), requestedBy: { accountId: requester.accountId, label: requester.label },
    };
    await runInTransaction(this.dataSource, async (manager) => {
      await this.manifests.insert(manager, manifest);
      await this.audit.record(manager, {
        actor: { accountId: requester.accountId, label: requester.label },
        action: plan.auditAction,
        object: { type: 'export', id: manifest.exportId },
        outcome: 'SUCCESS',
        clientAddress: requester.clientAddress,
        details: { format: manifest.format, filters: manifest.filters, rowCount: manifest.rowCount, sha256: manifest.sha256, byteCount: manifest.byteCount, chainPosition: manifest.chainHead.position },
      });
    });
    return manifest;
  }

  /** The file's bytes for a format, and how many rows went into them. */
  private source(plan: ExportPlan, format: ExportFormat, snapshot: ReadSnapshot, total: number, options: ExportOptions): { source: Readable; rowsWritten: () => number } {
    if (format === 'xlsx') {
      let rows = 0;
      const onRows = (count: number) => {
        rows += count;
        options.onProgress?.(rows);
      };
      const source = xlsxSource(snapshot.batches(selectRows(plan.table, plan.columns, plan.where)), plan.columns, plan.sheetName, onRows);
      return { source, rowsWritten: () => rows };
    }
    // CSV and JSON Lines are written by PostgreSQL itself and streamed as they come.
    const copy = format === 'csv' ? snapshot.copyCsv(selectRows(plan.table, plan.columns, plan.where)) : snapshot.copyLines(selectJsonLines(plan.table, plan.columns, plan.where));
    // A failure after the pipeline gave up on the stream (the connection thrown away) must not go unhandled.
    copy.on('error', () => undefined);
    if (options.onProgress) countLines(copy, format === 'csv' ? 1 : 0, total, options.onProgress);
    return { source: copy, rowsWritten: () => copy.rowCount };
  }

  /** Part of the data may have left: the trail says who started it, how far it went and at which stage it stopped. */
  private async recordInterrupted(run: ExportRun, bytesProduced: number, error: Error, stage: 'production' | 'delivery' = 'production'): Promise<void> {
    const reason = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'the download was interrupted' : error.message;
    this.logger.warn({ exportId: run.exportId, reason }, 'export not completed');
    try {
      await this.audit.recordAlone({
        actor: { accountId: run.requester.accountId, label: run.requester.label },
        action: run.plan.auditAction,
        object: { type: 'export', id: run.exportId },
        outcome: 'FAILURE',
        clientAddress: run.requester.clientAddress,
        details: { format: run.format, filters: run.plan.filters, stage, bytesProduced, reason: reason.slice(0, 500) },
      });
    } catch (auditError) {
      this.logger.error({ err: auditError, exportId: run.exportId }, 'could not record the interrupted export');
    }
  }
}

/** Progress by line breaks (in CSV, one inside a quoted field counts too: the count is capped). */
function countLines(stream: Readable, headerLines: number, total: number, onProgress: (rows: number) => void): void {
  let lines = -headerLines;
  stream.on('data', (chunk: Buffer) => {
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines++;
    onProgress(Math.min(Math.max(lines, 0), total));
  });
}
