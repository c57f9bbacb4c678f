import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '@fa/shared';

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED';

type JsonPrimitive = string | number | boolean | null;
/** Values a mail template reads: flat JSON, so an event stays readable in the table. */
export type MailPayload = Record<string, JsonPrimitive | JsonPrimitive[]>;

/** One notification to deliver, written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_event' })
export class OutboxEventEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The event, which is also the name of its mail template (templates/emails/<type>.*). */
  @Column('text') type!: string;
  @Column('text', { name: 'recipient_email' }) recipientEmail!: string;
  @Column('text', { name: 'recipient_name', nullable: true }) recipientName!: string | null;
  @Column('text') locale!: Locale;
  @Column('jsonb') payload!: MailPayload;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('text') status!: OutboxStatus;
  @Column('integer') attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('text', { name: 'message_id', nullable: true }) messageId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
