/**
 * Base of every expected error of the platform. Each context extends it with its own
 * code enum; the apps map codes to HTTP statuses. Domain code never throws HttpException.
 */
export abstract class DomainError<TCode extends string = string> extends Error {
  protected constructor(
    readonly code: TCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Codes owned by the shared kernel, used by the apps' filters for non-domain failures. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

/** The body every error answer carries: a stable code, a message a person can act on, the correlation id. */
export interface ErrorBody {
  code: string;
  message: string;
  correlationId: string;
  details?: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Input that failed validation: 400 with the list of fields and what is wrong with each. */
export class ValidationFailedError extends DomainError<CommonErrorCode.VALIDATION_FAILED> {
  constructor(readonly fields: FieldProblem[]) {
    super(CommonErrorCode.VALIDATION_FAILED, 'Some fields are not valid.', { fields });
  }
}
