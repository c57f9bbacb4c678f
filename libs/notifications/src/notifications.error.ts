import { DomainError } from '@fa/shared';

export enum NotificationsErrorCode {
  UNKNOWN_MAIL_TEMPLATE = 'UNKNOWN_MAIL_TEMPLATE',
  INVALID_RECIPIENT = 'INVALID_RECIPIENT',
  MAIL_NOT_FOUND = 'MAIL_NOT_FOUND',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  constructor(code: NotificationsErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
