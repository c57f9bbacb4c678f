import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, Locale, currentCorrelationId, isLocale } from '@fa/shared';
import { JobQueue } from './job-queue';
import { MAIL_DELIVERY_QUEUE, MailDeliveryJob, mailDeliveryQueue } from './mail-queue';
import { MailRenderer } from './mail-renderer';
import { NotificationsError, NotificationsErrorCode } from './notifications.error';
import { MailPayload, OutboxEventEntity } from './outbox-event.entity';

export interface MailEvent {
  /** Event type, which names its templates. */
  type: string;
  to: { email: string; name?: string | null };
  locale: Locale;
  /** Values the templates use; no secrets beyond what the mail must carry. */
  payload: MailPayload;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+$/;

/**
 * Writes notification events in the caller's transaction (the transactional outbox): the
 * event row and its delivery job commit or roll back with the domain change.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly queue: JobQueue,
    private readonly renderer: MailRenderer,
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    queue.define(mailDeliveryQueue(config));
  }

  async enqueue(manager: EntityManager, event: MailEvent): Promise<string> {
    if (!this.renderer.has(event.type)) {
      throw new NotificationsError(NotificationsErrorCode.UNKNOWN_MAIL_TEMPLATE, `No mail templates for event "${event.type}".`, { type: event.type });
    }
    if (!EMAIL.test(event.to.email) || event.to.email.length > 320 || !isLocale(event.locale)) {
      throw new NotificationsError(NotificationsErrorCode.INVALID_RECIPIENT, 'The recipient address or language is not valid.');
    }
    const id = randomUUID();
    const correlationId = currentCorrelationId(this.logger) ?? null;
    await manager.insert(OutboxEventEntity, {
      id,
      type: event.type,
      recipientEmail: event.to.email,
      recipientName: event.to.name ?? null,
      locale: event.locale,
      payload: event.payload,
      correlationId,
      status: 'PENDING',
      attempts: 0,
    });
    const job: MailDeliveryJob = { eventId: id, correlationId };
    await this.queue.sendInTransaction(manager, MAIL_DELIVERY_QUEUE, job, { id });
    return id;
  }
}
