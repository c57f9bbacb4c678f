import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@fa/shared';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { OutboxEventEntity } from './outbox-event.entity';

export type DeliveryOutcome = 'SENT' | 'ALREADY_SENT' | 'UNKNOWN_EVENT' | 'RETRY_LATER' | 'FAILED';

export class MailDeliveryFailedError extends Error {
  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super(`Mail delivery of event ${eventId} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MailDeliveryFailedError';
  }
}

/**
 * Turns one outbox event into one e-mail. The event row is locked while the mail is sent,
 * so two workers never deliver the same event, and a delivered event is never sent again.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Delivers the event. Throws MailDeliveryFailedError after recording a failed attempt, so
   * the queue retries it; on the last attempt the row is marked FAILED for operators to see.
   */
  async deliver(eventId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    // No retry wrapper here: the transaction contains the SMTP exchange, which must not be
    // repeated by a transparent retry. Row locks under READ COMMITTED do not raise 40001.
    const result = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const event = await manager.findOne(OutboxEventEntity, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event) return { outcome: 'UNKNOWN_EVENT' as const };
      if (event.status === 'SENT') return { outcome: 'ALREADY_SENT' as const };
      try {
        const messageId = await this.send(event);
        await this.record(manager, event, { status: 'SENT', sentAt: this.clock.now(), messageId, lastError: null });
        return { outcome: 'SENT' as const };
      } catch (error) {
        await this.record(manager, event, { status: lastAttempt ? 'FAILED' : 'PENDING', lastError: describe(error) });
        return { outcome: lastAttempt ? ('FAILED' as const) : ('RETRY_LATER' as const), error };
      }
    });
    if (result.outcome === 'UNKNOWN_EVENT') this.logger.warn({ eventId }, 'mail delivery job for an unknown outbox event');
    if ('error' in result) throw new MailDeliveryFailedError(eventId, result.error);
    return result.outcome;
  }

  private async send(event: OutboxEventEntity): Promise<string> {
    const mail = this.renderer.render(event.type, event.locale, {
      ...event.payload,
      recipientName: event.recipientName,
      publicUrl: this.config.PUBLIC_URL,
    });
    const domain = this.config.MAIL_FROM_ADDRESS.split('@')[1];
    return this.transport.send({
      to: { email: event.recipientEmail, name: event.recipientName },
      ...mail,
      messageId: `<${event.id}@${domain}>`,
      locale: event.locale,
    });
  }

  private async record(manager: EntityManager, event: OutboxEventEntity, change: Partial<Pick<OutboxEventEntity, 'status' | 'sentAt' | 'messageId' | 'lastError'>>): Promise<void> {
    await manager.update(OutboxEventEntity, { id: event.id }, {
      ...change,
      attempts: event.attempts + 1,
      lastAttemptAt: this.clock.now(),
    });
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
