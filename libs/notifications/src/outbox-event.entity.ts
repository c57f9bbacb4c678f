import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '@fa/shared';

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED';

type JsonPrimitive = string | number | boolean | null;
/** Plain JSON: what a template needs, nested as deep as the mail's content (lists of bilingual reasons). */
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type MailPayload = Record<string, JsonValue>;

/** One notification to deliver, written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_event' })
export class OutboxEventEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The event, which is also the name of its mail template (templates/emails/<type>.*). */
  @Column('text') type!: string;
  @Column('text', { name: 'recipient_email' }) recipientEmail!: string;
  @Column('text', { name: 'recipient_name', nullable: true }) recipientName!: string | null;
  @Column('text') locale!: Locale;
  // Declared loosely for TypeORM, whose DeepPartial cannot expand the recursive MailPayload; Outbox.enqueue takes a MailPayload.
  @Column('jsonb') payload!: object;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('text') status!: OutboxStatus;
  @Column('integer') attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('text', { name: 'message_id', nullable: true }) messageId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
