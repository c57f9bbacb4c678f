import { DomainError } from '@fa/shared';

export enum AgreementErrorCode {
  AGREEMENT_NOT_FOUND = 'AGREEMENT_NOT_FOUND',
  AGREEMENT_ALREADY_EXISTS = 'AGREEMENT_ALREADY_EXISTS',
  INVALID_AGREEMENT_STATE = 'INVALID_AGREEMENT_STATE',
  TRANCHE_NOT_RELEASABLE = 'TRANCHE_NOT_RELEASABLE',
  CO_INVESTMENT_GATE = 'CO_INVESTMENT_GATE',
  FOUR_EYES_RELEASE = 'FOUR_EYES_RELEASE',
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  REPORT_ALREADY_REVIEWED = 'REPORT_ALREADY_REVIEWED',
  MILESTONE_ALREADY_ACCEPTED = 'MILESTONE_ALREADY_ACCEPTED',
  REPORT_PENDING = 'REPORT_PENDING',
  EARLIER_MILESTONE_NOT_ACCEPTED = 'EARLIER_MILESTONE_NOT_ACCEPTED',
  PAYMENT_IN_FLIGHT = 'PAYMENT_IN_FLIGHT',
  EVIDENCE_NOT_FOUND = 'EVIDENCE_NOT_FOUND',
  PAYMENT_ORDER_NOT_FOUND = 'PAYMENT_ORDER_NOT_FOUND',
  PAYMENT_ORDER_SETTLED = 'PAYMENT_ORDER_SETTLED',
  AMENDMENT_INVALID = 'AMENDMENT_INVALID',
  LEDGER_REFUSED = 'LEDGER_REFUSED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

/** Failures of agreements, reports, releases, payment orders and amendments, each with a stable code. */
export class AgreementError extends DomainError<AgreementErrorCode> {
  constructor(code: AgreementErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(): AgreementError {
    return new AgreementError(AgreementErrorCode.AGREEMENT_NOT_FOUND, 'No such agreement.');
  }

  static state(status: string, action: string): AgreementError {
    return new AgreementError(AgreementErrorCode.INVALID_AGREEMENT_STATE, `An agreement ${status.toLowerCase()} cannot be ${action}.`, { status, action });
  }
}
