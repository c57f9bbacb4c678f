import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxEventEntity, OutboxStatus } from './outbox-event.entity';

export interface OutboxSummary {
  pending: number;
  sent: number;
  failed: number;
}

/** What operators see of mail delivery: counts, and the failed events with their last error. */
@Injectable()
export class OutboxQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(): Promise<OutboxSummary> {
    const rows = (await this.dataSource.query('SELECT status, count(*)::int AS count FROM outbox_event GROUP BY status')) as {
      status: OutboxStatus;
      count: number;
    }[];
    const count = (status: OutboxStatus) => rows.find((row) => row.status === status)?.count ?? 0;
    return { pending: count('PENDING'), sent: count('SENT'), failed: count('FAILED') };
  }

  list(status: OutboxStatus | undefined, limit: number): Promise<OutboxEventEntity[]> {
    return this.dataSource.getRepository(OutboxEventEntity).find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** The mails sent (or to be sent) to an address, for a person's own data export. */
  listForRecipient(email: string): Promise<OutboxEventEntity[]> {
    return this.dataSource.getRepository(OutboxEventEntity).find({ where: { recipientEmail: email }, order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<OutboxEventEntity | null> {
    return this.dataSource.getRepository(OutboxEventEntity).findOne({ where: { id } });
  }
}
