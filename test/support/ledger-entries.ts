import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock, runInTransaction } from '@fa/shared';
import { LedgerService } from '@fa/ledger';

/**
 * Posts journal entries through the ledger's own commands, each at its moment on `clock`:
 * a commitment to a grant or its release, expected POSTED.
 */
export function ledgerPoster(app: INestApplicationContext, clock: FixedClock) {
  const ledger = app.get(LedgerService);
  const dataSource = app.get(DataSource);
  return async (at: string, kind: 'commit' | 'release', grantId: string, amountCents: number, regionCode: string, sectorCode: string, reason: string): Promise<void> => {
    clock.set(new Date(at));
    const command = { idempotencyKey: `${kind}:${randomUUID()}`, programCode: 'FA-2026', grantId, amountCents, regionCode, sectorCode, actor: randomUUID(), reason };
    const outcome = await runInTransaction(dataSource, (manager) => (kind === 'commit' ? ledger.commit(manager, command) : ledger.release(manager, command)));
    expect(outcome.outcome).toBe('POSTED');
  };
}
