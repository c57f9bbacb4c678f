import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { AuditExportsError, AuditExportsErrorCode } from './audit-exports.error';
import { AuditEventFilter, LedgerEntryFilter, assertValidFilter } from './export-filters';
import { ExportFormat, ExportSubject, isExportFormat } from './export-format';
import { ExportManifest } from './export-manifest';
import { ExportManifestRepository } from './export-manifest.repository';
import { auditTrailPlan, ledgerPlan } from './export-plans';
import { ExportDownload, ExportOptions, ExportRequester, ExportRunner } from './export-runner';

/**
 * The auditors' exports of the ledger and of the audit trail (CSV, XLSX, JSON Lines), each
 * with a manifest a reader checks the file against. See docs/exports.md.
 */
@Injectable()
export class AuditExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: ExportRunner,
    private readonly manifests: ExportManifestRepository,
  ) {}

  /** The journal entries the filter selects, streamed; the manifest adds Σ debits and Σ credits per account. */
  async exportLedger(filter: LedgerEntryFilter, format: ExportFormat, requester: ExportRequester, options?: ExportOptions): Promise<ExportDownload> {
    assertValidRequest(filter, format);
    return this.runner.start(ledgerPlan(filter, this.config.APP_TIME_ZONE), format, requester, options);
  }

  async exportAuditTrail(filter: AuditEventFilter, format: ExportFormat, requester: ExportRequester, options?: ExportOptions): Promise<ExportDownload> {
    assertValidRequest(filter, format);
    return this.runner.start(auditTrailPlan(filter, this.config.APP_TIME_ZONE), format, requester, options);
  }

  /** The manifest of a completed export of `subject`; EXPORT_NOT_FOUND for any other id. */
  async manifest(exportId: string, subject: ExportSubject): Promise<ExportManifest> {
    const found = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(exportId) ? await this.manifests.find(this.dataSource.manager, exportId.toLowerCase(), subject) : null;
    if (!found) throw new AuditExportsError(AuditExportsErrorCode.EXPORT_NOT_FOUND, 'No completed export has this id.', { exportId });
    return found;
  }

  /** The manifests of the last exports of `subject` an account asked for, newest first (at most 50). */
  recentManifests(subject: ExportSubject, accountId: string, limit = 10): Promise<ExportManifest[]> {
    return this.manifests.recentBy(this.dataSource.manager, subject, accountId, Math.min(Math.max(limit, 1), 50));
  }
}

function assertValidRequest(filter: LedgerEntryFilter | AuditEventFilter, format: ExportFormat): void {
  if (!isExportFormat(format)) throw new AuditExportsError(AuditExportsErrorCode.INVALID_EXPORT_FILTER, 'format must be csv, xlsx or jsonl', { problems: ['format must be csv, xlsx or jsonl'] });
  assertValidFilter(filter);
}
