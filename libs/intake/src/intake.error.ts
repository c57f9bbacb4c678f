import { DomainError } from '@fa/shared';

export enum IntakeErrorCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  ATTACHMENT_NOT_FOUND = 'ATTACHMENT_NOT_FOUND',
  SCREENING_NOT_FOUND = 'SCREENING_NOT_FOUND',
  APPLICATION_NOT_EDITABLE = 'APPLICATION_NOT_EDITABLE',
  APPLICATION_INCOMPLETE = 'APPLICATION_INCOMPLETE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  INVALID_REFERENCE = 'INVALID_REFERENCE',
  ATTACHMENT_TOO_LARGE = 'ATTACHMENT_TOO_LARGE',
  ATTACHMENT_TYPE_NOT_ALLOWED = 'ATTACHMENT_TYPE_NOT_ALLOWED',
  ATTACHMENT_LIMIT_REACHED = 'ATTACHMENT_LIMIT_REACHED',
  REEXAMINATION_ALREADY_REQUESTED = 'REEXAMINATION_ALREADY_REQUESTED',
  RULE_SET_NOT_AVAILABLE = 'RULE_SET_NOT_AVAILABLE',
}

/** Every expected failure of the intake context, with a stable code. */
export class IntakeError extends DomainError<IntakeErrorCode> {
  constructor(code: IntakeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static applicationNotFound(): IntakeError {
    return new IntakeError(IntakeErrorCode.APPLICATION_NOT_FOUND, 'No such application.');
  }

  static invalidTransition(from: string, to: string): IntakeError {
    return new IntakeError(IntakeErrorCode.INVALID_TRANSITION, `An application cannot go from ${from} to ${to}.`, { from, to });
  }
}
