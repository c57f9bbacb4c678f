import { CommonErrorCode, DomainError, ErrorBody } from '@fa/shared';
import { MailDeliveryFailedError } from '@fa/notifications';

/**
 * The worker's one exception filter: turns a job's failure into `{ code, message, correlationId }`,
 * which is logged and stored as the failed attempt's output (pg-boss) — never a stack trace.
 */
export function jobErrorBody(error: unknown, correlationId: string): ErrorBody {
  if (error instanceof DomainError) return { code: error.code, message: error.message, correlationId };
  if (error instanceof MailDeliveryFailedError) return { code: 'MAIL_DELIVERY_FAILED', message: error.message, correlationId };
  return { code: CommonErrorCode.INTERNAL_ERROR, message: 'The job failed unexpectedly; see the worker log.', correlationId };
}
