import { AppConfig } from '@fa/shared';
import { QueueDefinition } from './job-queue';

export const MAIL_DELIVERY_QUEUE = 'mail-delivery';

export interface MailDeliveryJob {
  eventId: string;
  correlationId: string | null;
}

/** Retries with exponential back-off; after the last attempt the outbox row is marked FAILED. */
export function mailDeliveryQueue(config: AppConfig): QueueDefinition {
  return {
    name: MAIL_DELIVERY_QUEUE,
    retryLimit: config.MAIL_MAX_ATTEMPTS - 1,
    retryDelaySeconds: config.MAIL_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: 120,
  };
}
