import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { Outbox } from '@fa/notifications';

export const DEMO_INBOX = 'demo@fonds-acceleration.localhost';

interface DemoDataSet {
  name: string;
  load(dataSource: DataSource): Promise<void>;
}

/**
 * Demo data for the embedded default, loaded once per database through the domain services
 * (never by inserting rows behind their back). Each set records itself in demo_data_load in
 * the same transaction as its data, so a crash leaves it either loaded or not.
 */
@Injectable()
export class DemoDataService {
  private readonly sets: DemoDataSet[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {
    this.sets = [
      {
        // A message in each language through outbox → worker → SMTP, so /dev/mail shows the mail path working.
        name: 'welcome-mail',
        load: () =>
          runInTransaction(this.dataSource, async (manager) => {
            for (const locale of ['fr', 'en'] as const) {
              await this.outbox.enqueue(manager, {
                type: 'test-message',
                to: { email: DEMO_INBOX, name: locale === 'fr' ? 'Équipe de démonstration' : 'Demo team' },
                locale,
                payload: { requestedBy: 'npm start', requestedAt: this.clock.now().toISOString() },
              });
            }
            await this.markLoaded(manager, 'welcome-mail');
          }),
      },
    ];
  }

  /** Loads every set not loaded yet; returns the names loaded now. */
  async loadAll(): Promise<string[]> {
    const loaded: string[] = [];
    for (const set of this.sets) {
      if (await this.isLoaded(set.name)) continue;
      await set.load(this.dataSource);
      loaded.push(set.name);
    }
    return loaded;
  }

  private async isLoaded(name: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM demo_data_load WHERE name = $1', [name])) as unknown[];
    return rows.length > 0;
  }

  private async markLoaded(manager: { query: DataSource['query'] }, name: string): Promise<void> {
    // The primary key makes a concurrent second load fail and roll back instead of duplicating data.
    await manager.query('INSERT INTO demo_data_load (name) VALUES ($1)', [name]);
  }
}
