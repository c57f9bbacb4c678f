import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '@fa/identity';
import { LedgerService } from '@fa/ledger';
import { TravelClock, runInTransaction } from '@fa/shared';
import { createPeopleWithTokens } from '../support/accounts';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const FILES = 200;
/** The envelope is left room for exactly this many approvals (and one cent short of one more). */
const ROOM_FOR = 7;
const AMOUNT = 25_000_000;
const SETUP_CONCURRENCY = 4;

/** Maps with at most `concurrency` calls under way. */
async function inBatches<T, R>(items: T[], concurrency: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T, index);
    }
  }));
  return results;
}

describe('approvals under contention for the envelope', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let journey: ReturnType<typeof reviewJourney>;
  const tokens: Record<string, string> = {};
  let files: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url, { DATABASE_POOL_SIZE: '10' }), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    Object.assign(tokens, await createPeopleWithTokens(server.app, server.url, [['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['aude', 'AUDITOR']] as [string, Role][]));
    journey = reviewJourney(server.url, tokens);
    // 200 files recommended for approval through the API, each of its own enterprise.
    files = await inBatches(Array.from({ length: FILES }, (_, index) => index), SETUP_CONCURRENCY, async (index) => {
      const id = await journey.submittedFile('pme', String(1_178_880_000 + index));
      await journey.recommended(id, ['rev1', 'rev2'], AMOUNT);
      await journey.declare('paul', id);
      return id;
    });
    // Commit the rest of the envelope elsewhere, leaving room for exactly ROOM_FOR approvals.
    const dataSource = server.app.get(DataSource);
    const [{ balance }] = await db.query<{ balance: string }>("SELECT balance_cents AS balance FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026'");
    await runInTransaction(dataSource, (manager) => server.app.get(LedgerService).commit(manager, {
      idempotencyKey: 'contention-filler', programCode: 'FA-2026', grantId: randomUUID(), amountCents: Number(balance) - (ROOM_FOR + 1) * AMOUNT + 1,
      regionCode: null, sectorCode: null, actor: 'system', reason: 'Leaves room for the contention test',
    }));
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it(`lets exactly ${ROOM_FOR} of ${FILES} concurrent approvals through, refuses the others with a business code, and keeps every invariant to the cent`, async () => {
    const responses = await Promise.all(files.map((id) => journey.api.post(`/api/v1/applications/${id}/decision`, { outcome: 'APPROVED', amountCents: AMOUNT }, { ...journey.as('paul'), headers: { 'idempotency-key': `contention-${id}` } })));
    const statuses = responses.map((response) => (response.status === 201 ? 201 : `${response.status} ${String(response.body?.code)}`));
    expect(statuses.filter((status) => status === 201)).toHaveLength(ROOM_FOR);
    expect(statuses.filter((status) => status === '409 ENVELOPE_INSUFFICIENT')).toHaveLength(FILES - ROOM_FOR);

    const [counts] = await db.query<{ decisions: string; approved: string; recommended: string; commitments: string; refused: string }>(`
      SELECT (SELECT count(*) FROM decision) AS decisions,
             (SELECT count(*) FROM application WHERE status = 'APPROVED') AS approved,
             (SELECT count(*) FROM application WHERE status = 'RECOMMENDED') AS recommended,
             (SELECT count(*) FROM ledger_entry WHERE entry_type = 'COMMITMENT' AND grant_id = ANY($1)) AS commitments,
             (SELECT count(*) FROM ledger_command WHERE outcome = 'REFUSED') AS refused`, [files]);
    expect(counts).toEqual({ decisions: String(ROOM_FOR), approved: String(ROOM_FOR), recommended: String(FILES - ROOM_FOR), commitments: String(ROOM_FOR), refused: String(FILES - ROOM_FOR) });
    const [balances] = await db.query<{ available: string; committed: string; funded: string }>(`
      SELECT (SELECT balance_cents FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026') AS available,
             (SELECT sum(balance_cents) FROM ledger_account WHERE kind = 'COMMITTED') AS committed,
             (SELECT envelope_cents FROM program WHERE code = 'FA-2026') AS funded`);
    // One cent short of one more approval is left; available + committed = the envelope.
    expect(Number(balances.available)).toBe(AMOUNT - 1);
    expect(Number(balances.available) + Number(balances.committed)).toBe(Number(balances.funded));
    await expect(db.query('SELECT sum(amount_cents)::bigint AS approved FROM decision')).resolves.toEqual([{ approved: String(ROOM_FOR * AMOUNT) }]);
    const verification = await journey.api.get('/api/v1/ledger/verify', journey.as('aude'));
    expect(verification).toMatchObject({ status: 200, body: { valid: true, problems: [], firstBadEntry: null } });
    expect(verification.body.totalDebitsCents).toBe(verification.body.totalCreditsCents);
  }, 120_000);
});
