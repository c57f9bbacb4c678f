import { ExportFormat, ExportSubject } from './export-format';

/** Σ debits and Σ credits of one account over the exported entries, in cents. */
export interface AccountTotal {
  account: string;
  debitCents: number;
  creditCents: number;
}

/** Where a hash chain (the ledger's or the audit trail's) stood in the export's snapshot. */
export interface ChainHead {
  /** Position of the last entry (0 when there is none). */
  position: number;
  /** Its hash: every earlier entry is fixed by it. */
  hash: string;
}

/**
 * What an export holds and how to check it: the SHA-256 of the file's bytes, the row count and
 * (for the ledger) the totals per account, all taken from one snapshot, which ended at
 * `chainHead`. Stored when the whole file has been produced; never changed afterwards.
 */
export interface ExportManifest {
  exportId: string;
  subject: ExportSubject;
  format: ExportFormat;
  fileName: string;
  /** The filters as given, with the time zone of the period when there is one. */
  filters: Record<string, string>;
  rowCount: number;
  /** Ledger exports only (null for the audit trail). */
  accountTotals: AccountTotal[] | null;
  sha256: string;
  byteCount: number;
  chainHead: ChainHead;
  /** When the snapshot was taken. */
  generatedAt: string;
  /** When the last byte was produced and the manifest stored. */
  completedAt: string;
  requestedBy: { accountId: string | null; label: string };
}
