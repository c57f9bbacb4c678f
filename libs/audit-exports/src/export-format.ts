/** The file formats of an export. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export holds: the envelope ledger's journal, or the audit trail. */
export type ExportSubject = 'LEDGER' | 'AUDIT_TRAIL';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/jsonl; charset=utf-8',
};

export function contentTypeOf(format: ExportFormat): string {
  return CONTENT_TYPES[format];
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** `ledger-2026-11-23-0a1b2c3d.csv`: what, the day it was taken (UTC) and the start of the export id. */
export function exportFileName(subject: ExportSubject, format: ExportFormat, exportId: string, generatedAt: Date): string {
  const what = subject === 'LEDGER' ? 'ledger' : 'audit-trail';
  return `${what}-${generatedAt.toISOString().slice(0, 10)}-${exportId.slice(0, 8)}.${format}`;
}
