import { DomainError } from '@fa/shared';

export enum IdentityErrorCode {
  PASSWORD_TOO_SHORT = 'PASSWORD_TOO_SHORT',
  PASSWORD_TOO_LONG = 'PASSWORD_TOO_LONG',
  PASSWORD_TOO_COMMON = 'PASSWORD_TOO_COMMON',
  PASSWORD_CONTAINS_IDENTITY = 'PASSWORD_CONTAINS_IDENTITY',
  INVALID_OR_EXPIRED_LINK = 'INVALID_OR_EXPIRED_LINK',
  EMAIL_ALREADY_REGISTERED = 'EMAIL_ALREADY_REGISTERED',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  NOT_A_STAFF_ROLE = 'NOT_A_STAFF_ROLE',
  CANNOT_DISABLE_SELF = 'CANNOT_DISABLE_SELF',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
}

export class IdentityError extends DomainError<IdentityErrorCode> {
  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
