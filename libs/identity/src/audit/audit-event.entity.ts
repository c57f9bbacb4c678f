import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

/** One row of the append-only audit trail (written through AuditTrail.record only). */
@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('bigint', { name: 'chain_position' }) chainPosition!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('uuid', { name: 'actor_account_id', nullable: true }) actorAccountId!: string | null;
  @Column('text', { name: 'actor_label' }) actorLabel!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'object_type', nullable: true }) objectType!: string | null;
  @Column('text', { name: 'object_id', nullable: true }) objectId!: string | null;
  @Column('text') outcome!: AuditOutcome;
  @Column('text', { name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'previous_hash' }) previousHash!: string;
  @Column('text') hash!: string;
}
