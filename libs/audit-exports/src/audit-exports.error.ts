import { DomainError } from '@fa/shared';

export enum AuditExportsErrorCode {
  /** A filter of a ledger or audit-trail query or export is not valid (bad date, period the wrong way round…). */
  INVALID_EXPORT_FILTER = 'INVALID_EXPORT_FILTER',
  /** No export manifest has this id (or the export never completed). */
  EXPORT_NOT_FOUND = 'EXPORT_NOT_FOUND',
  /** This process already runs as many exports as it allows at once; try again shortly. */
  EXPORTS_BUSY = 'EXPORTS_BUSY',
}

/** Failures of the auditors' reading and exporting of the ledger and the audit trail. */
export class AuditExportsError extends DomainError<AuditExportsErrorCode> {
  constructor(code: AuditExportsErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
