import { CommonErrorCode, DomainError } from '@fa/shared';
import { ProgramsError, ProgramsErrorCode } from '@fa/programs';
import { NotificationsError, NotificationsErrorCode } from '@fa/notifications';
import { IdentityError, IdentityErrorCode } from '@fa/identity';
import { IntakeError, IntakeErrorCode } from '@fa/intake';
import { LedgerError, LedgerErrorCode } from '@fa/ledger';
import { ReviewError, ReviewErrorCode } from '@fa/review';
import { AgreementError, AgreementErrorCode } from '@fa/agreements';
import { AuditExportsError, AuditExportsErrorCode } from '@fa/audit-exports';
import { AdministrationError, AdministrationErrorCode } from '@fa/administration';

/** HTTP status of every error code of every context. Each switch is exhaustive: a new code fails type-checking until mapped. */
export function httpStatusOf(error: DomainError): number {
  if (error instanceof ProgramsError) return programsStatus(error.code);
  if (error instanceof NotificationsError) return notificationsStatus(error.code);
  if (error instanceof IdentityError) return identityStatus(error.code);
  if (error instanceof IntakeError) return intakeStatus(error.code);
  if (error instanceof LedgerError) return ledgerStatus(error.code);
  if (error instanceof ReviewError) return reviewStatus(error.code);
  if (error instanceof AgreementError) return agreementStatus(error.code);
  if (error instanceof AuditExportsError) return auditExportsStatus(error.code);
  if (error instanceof AdministrationError) return administrationStatus(error.code);
  if (isCommonCode(error.code)) return commonStatus(error.code);
  return 500;
}

function administrationStatus(code: AdministrationErrorCode): number {
  switch (code) {
    case AdministrationErrorCode.SETTINGS_VERSION_NOT_FOUND:
      return 404;
    case AdministrationErrorCode.SETTINGS_VERSION_CONFLICT:
    case AdministrationErrorCode.ENVELOPE_BELOW_COMMITMENTS:
      return 409;
    case AdministrationErrorCode.SETTINGS_UNCHANGED:
      return 422;
    default:
      return unreachable(code);
  }
}

function programsStatus(code: ProgramsErrorCode): number {
  switch (code) {
    case ProgramsErrorCode.PROGRAM_NOT_FOUND:
      return 404;
    default:
      return unreachable(code);
  }
}

function notificationsStatus(code: NotificationsErrorCode): number {
  switch (code) {
    case NotificationsErrorCode.UNKNOWN_MAIL_TEMPLATE:
      return 500;
    case NotificationsErrorCode.INVALID_RECIPIENT:
      return 400;
    case NotificationsErrorCode.MAIL_NOT_FOUND:
      return 404;
    default:
      return unreachable(code);
  }
}

function identityStatus(code: IdentityErrorCode): number {
  switch (code) {
    case IdentityErrorCode.PASSWORD_TOO_SHORT:
    case IdentityErrorCode.PASSWORD_TOO_LONG:
    case IdentityErrorCode.PASSWORD_TOO_COMMON:
    case IdentityErrorCode.PASSWORD_CONTAINS_IDENTITY:
    case IdentityErrorCode.INVALID_OR_EXPIRED_LINK:
    case IdentityErrorCode.CURRENT_PASSWORD_INCORRECT:
    case IdentityErrorCode.NOT_A_STAFF_ROLE:
      return 400;
    case IdentityErrorCode.ACCOUNT_NOT_FOUND:
    case IdentityErrorCode.ORGANIZATION_NOT_FOUND:
      return 404;
    case IdentityErrorCode.ORGANIZATION_ALREADY_REGISTERED:
      return 409;
    case IdentityErrorCode.INVITATION_FOR_ANOTHER_ADDRESS:
      return 403;
    case IdentityErrorCode.EMAIL_ALREADY_REGISTERED:
    case IdentityErrorCode.CANNOT_DISABLE_SELF:
    case IdentityErrorCode.CANNOT_CHANGE_OWN_ROLE:
      return 409;
    case IdentityErrorCode.INVALID_CREDENTIALS:
      return 401;
    case IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS:
      return 429;
    default:
      return unreachable(code);
  }
}

function intakeStatus(code: IntakeErrorCode): number {
  switch (code) {
    case IntakeErrorCode.APPLICATION_NOT_FOUND:
    case IntakeErrorCode.ATTACHMENT_NOT_FOUND:
    case IntakeErrorCode.SCREENING_NOT_FOUND:
      return 404;
    case IntakeErrorCode.APPLICATION_NOT_EDITABLE:
    case IntakeErrorCode.INVALID_TRANSITION:
    case IntakeErrorCode.REEXAMINATION_ALREADY_REQUESTED:
      return 409;
    case IntakeErrorCode.APPLICATION_INCOMPLETE:
      return 422;
    case IntakeErrorCode.INVALID_REFERENCE:
    case IntakeErrorCode.ATTACHMENT_LIMIT_REACHED:
      return 400;
    case IntakeErrorCode.ATTACHMENT_TOO_LARGE:
      return 413;
    case IntakeErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED:
      return 415;
    case IntakeErrorCode.RULE_SET_NOT_AVAILABLE:
      return 503;
    default:
      return unreachable(code);
  }
}

function ledgerStatus(code: LedgerErrorCode): number {
  switch (code) {
    case LedgerErrorCode.IDEMPOTENCY_CONFLICT:
      return 409;
    case LedgerErrorCode.INVALID_LEDGER_COMMAND:
      return 400;
    default:
      return unreachable(code);
  }
}

function agreementStatus(code: AgreementErrorCode): number {
  switch (code) {
    case AgreementErrorCode.AGREEMENT_NOT_FOUND:
    case AgreementErrorCode.REPORT_NOT_FOUND:
    case AgreementErrorCode.PAYMENT_ORDER_NOT_FOUND:
      return 404;
    case AgreementErrorCode.FOUR_EYES_RELEASE:
      return 403;
    case AgreementErrorCode.EVIDENCE_NOT_FOUND:
      return 400;
    case AgreementErrorCode.AMENDMENT_INVALID:
      return 422;
    case AgreementErrorCode.AGREEMENT_ALREADY_EXISTS:
    case AgreementErrorCode.INVALID_AGREEMENT_STATE:
    case AgreementErrorCode.TRANCHE_NOT_RELEASABLE:
    case AgreementErrorCode.CO_INVESTMENT_GATE:
    case AgreementErrorCode.REPORT_ALREADY_REVIEWED:
    case AgreementErrorCode.MILESTONE_ALREADY_ACCEPTED:
    case AgreementErrorCode.REPORT_PENDING:
    case AgreementErrorCode.EARLIER_MILESTONE_NOT_ACCEPTED:
    case AgreementErrorCode.PAYMENT_IN_FLIGHT:
    case AgreementErrorCode.PAYMENT_ORDER_SETTLED:
    case AgreementErrorCode.LEDGER_REFUSED:
    case AgreementErrorCode.IDEMPOTENCY_KEY_REUSED:
      return 409;
    default:
      return unreachable(code);
  }
}

function reviewStatus(code: ReviewErrorCode): number {
  switch (code) {
    case ReviewErrorCode.CONFLICT_DECLARATION_REQUIRED:
    case ReviewErrorCode.RECUSED_FROM_FILE:
    case ReviewErrorCode.OWN_ORGANIZATION_FILE:
    case ReviewErrorCode.RECOMMENDER_NOT_REVIEWER:
    case ReviewErrorCode.FOUR_EYES_VIOLATION:
    case ReviewErrorCode.ASSIGNMENT_NOT_ALLOWED:
      return 403;
    case ReviewErrorCode.DECISION_NOT_FOUND:
      return 404;
    case ReviewErrorCode.ALREADY_REVIEWED:
    case ReviewErrorCode.REVIEWS_INSUFFICIENT:
    case ReviewErrorCode.ENVELOPE_INSUFFICIENT:
    case ReviewErrorCode.ALREADY_ASSIGNED:
    case ReviewErrorCode.IDEMPOTENCY_KEY_REUSED:
    case ReviewErrorCode.CONFIRMED_INELIGIBLE:
      return 409;
    case ReviewErrorCode.AMOUNT_ABOVE_REQUESTED:
    case ReviewErrorCode.AMOUNT_ABOVE_CEILING:
      return 422;
    default:
      return unreachable(code);
  }
}

function auditExportsStatus(code: AuditExportsErrorCode): number {
  switch (code) {
    case AuditExportsErrorCode.INVALID_EXPORT_FILTER:
      return 400;
    case AuditExportsErrorCode.EXPORT_NOT_FOUND:
      return 404;
    case AuditExportsErrorCode.EXPORTS_BUSY:
      return 503;
    default:
      return unreachable(code);
  }
}

export function commonStatus(code: CommonErrorCode): number {
  switch (code) {
    case CommonErrorCode.VALIDATION_FAILED:
      return 400;
    case CommonErrorCode.UNAUTHENTICATED:
      return 401;
    case CommonErrorCode.FORBIDDEN:
      return 403;
    case CommonErrorCode.NOT_FOUND:
      return 404;
    case CommonErrorCode.METHOD_NOT_ALLOWED:
      return 405;
    case CommonErrorCode.CONFLICT:
      return 409;
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case CommonErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case CommonErrorCode.TOO_MANY_REQUESTS:
      return 429;
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case CommonErrorCode.INTERNAL_ERROR:
      return 500;
    default:
      return unreachable(code);
  }
}

/** The common code for a bare HTTP status (framework errors: unknown route, body too large…). */
export function commonCodeOfStatus(status: number): CommonErrorCode {
  const byStatus: Record<number, CommonErrorCode> = {
    400: CommonErrorCode.VALIDATION_FAILED,
    401: CommonErrorCode.UNAUTHENTICATED,
    403: CommonErrorCode.FORBIDDEN,
    404: CommonErrorCode.NOT_FOUND,
    405: CommonErrorCode.METHOD_NOT_ALLOWED,
    409: CommonErrorCode.CONFLICT,
    413: CommonErrorCode.PAYLOAD_TOO_LARGE,
    415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
    429: CommonErrorCode.TOO_MANY_REQUESTS,
    503: CommonErrorCode.SERVICE_UNAVAILABLE,
  };
  return byStatus[status] ?? (status >= 500 ? CommonErrorCode.INTERNAL_ERROR : CommonErrorCode.VALIDATION_FAILED);
}

function isCommonCode(code: string): code is CommonErrorCode {
  return (Object.values(CommonErrorCode) as string[]).includes(code);
}

function unreachable(code: never): never {
  throw new Error(`Unmapped error code: ${String(code)}`);
}
