import { DomainError } from '@fa/shared';

export enum LedgerErrorCode {
  IDEMPOTENCY_CONFLICT = 'IDEMPOTENCY_CONFLICT',
  INVALID_LEDGER_COMMAND = 'INVALID_LEDGER_COMMAND',
}

/** Failures of the ledger context. A refusal for lack of money is an outcome (a value), not an error. */
export class LedgerError extends DomainError<LedgerErrorCode> {
  constructor(code: LedgerErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
