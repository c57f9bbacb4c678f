import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ExportFormat, ExportSubject } from './export-format';
import { AccountTotal, ExportManifest } from './export-manifest';

interface ManifestRow {
  id: string;
  subject: ExportSubject;
  format: ExportFormat;
  file_name: string;
  filters: Record<string, string>;
  row_count: string;
  account_totals: AccountTotal[] | null;
  byte_count: string;
  sha256: string;
  chain_position: string;
  chain_head_hash: string;
  generated_at: Date;
  completed_at: Date;
  requested_by_account_id: string | null;
  requested_by_label: string;
}

/** The append-only table of export manifests. */
@Injectable()
export class ExportManifestRepository {
  async insert(manager: EntityManager, manifest: ExportManifest): Promise<void> {
    await manager.query(
      `INSERT INTO export_manifest (id, subject, format, file_name, filters, row_count, account_totals, byte_count, sha256, chain_position,
                                    chain_head_hash, generated_at, completed_at, requested_by_account_id, requested_by_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        manifest.exportId, manifest.subject, manifest.format, manifest.fileName, JSON.stringify(manifest.filters), manifest.rowCount,
        manifest.accountTotals === null ? null : JSON.stringify(manifest.accountTotals), manifest.byteCount, manifest.sha256,
        manifest.chainHead.position, manifest.chainHead.hash, manifest.generatedAt, manifest.completedAt, manifest.requestedBy.accountId,
        manifest.requestedBy.label,
      ],
    );
  }

  async find(manager: EntityManager, id: string, subject: ExportSubject): Promise<ExportManifest | null> {
    const rows = (await manager.query('SELECT * FROM export_manifest WHERE id = $1 AND subject = $2', [id, subject])) as ManifestRow[];
    return rows.length === 0 ? null : toManifest(rows[0]);
  }

  /** The last `limit` completed exports of `subject` one account asked for, newest first. */
  async recentBy(manager: EntityManager, subject: ExportSubject, accountId: string, limit: number): Promise<ExportManifest[]> {
    const rows = (await manager.query(
      'SELECT * FROM export_manifest WHERE subject = $1 AND requested_by_account_id = $2 ORDER BY completed_at DESC, id LIMIT $3',
      [subject, accountId, limit],
    )) as ManifestRow[];
    return rows.map(toManifest);
  }
}

function toManifest(row: ManifestRow): ExportManifest {
  return {
    exportId: row.id,
    subject: row.subject,
    format: row.format,
    fileName: row.file_name,
    filters: row.filters,
    rowCount: Number(row.row_count),
    accountTotals: row.account_totals,
    sha256: row.sha256,
    byteCount: Number(row.byte_count),
    chainHead: { position: Number(row.chain_position), hash: row.chain_head_hash },
    generatedAt: row.generated_at.toISOString(),
    completedAt: row.completed_at.toISOString(),
    requestedBy: { accountId: row.requested_by_account_id, label: row.requested_by_label },
  };
}
