import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { createPeopleWithTokens } from '../support/accounts';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

type Operation =
  | { kind: 'release'; tranche: number }
  | { kind: 'pay' }
  | { kind: 'return' }
  | { kind: 'reduce'; percent: number }
  | { kind: 'terminate'; duePercent: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('release' as const), tranche: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('pay' as const) }),
  fc.record({ kind: fc.constant('return' as const) }),
  fc.record({ kind: fc.constant('reduce' as const), percent: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ kind: fc.constant('terminate' as const), duePercent: fc.integer({ min: 0, max: 100 }) }),
);

describe('the ledger under any sequence of releases, returns, payments, reductions and terminations', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let journey: ReturnType<typeof reviewJourney>;
  const tokens: Record<string, string> = {};
  let neq = 1_176_670_000;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    Object.assign(tokens, await createPeopleWithTokens(server.app, server.url, [['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['julie', 'APPROVER'], ['finance', 'ADMINISTRATOR'], ['aude', 'AUDITOR']] as [string, Role][]));
    journey = reviewJourney(server.url, tokens);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const post = (who: string, path: string, body: unknown, key?: string) => journey.api.post(path, body, { ...journey.as(who), headers: key ? { 'idempotency-key': key } : undefined });

  /** A signed agreement of 25,000,000 cents whose two reports are accepted with all the private money spent: every tranche releasable. */
  const signedAgreement = async (): Promise<{ applicationId: string; agreementId: string }> => {
    const applicationId = await journey.submittedFile('pme', String(++neq));
    await journey.recommended(applicationId, ['rev1', 'rev2']);
    await journey.declare('paul', applicationId);
    await journey.declare('julie', applicationId);
    await post('paul', `/api/v1/applications/${applicationId}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, randomUUID());
    const agreementId = (await post('paul', `/api/v1/applications/${applicationId}/agreement`, {})).body.id as string;
    await post('pme', `/api/v1/agreements/${agreementId}/acceptance`, {});
    await post('julie', `/api/v1/agreements/${agreementId}/signature`, {});
    for (const milestoneNumber of [1, 2]) {
      const report = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber, progress: 'Fait', aiJobsToDate: 1, privateSpentToDateCents: 25_000_000, evidenceAttachmentIds: [] });
      await post('rev1', `/api/v1/agreements/${agreementId}/reports/${report.body.id as string}/review`, { outcome: 'ACCEPTED' });
    }
    return { applicationId, agreementId };
  };

  const apply = async (agreementId: string, op: Operation): Promise<number> => {
    const agreement = (await journey.api.get(`/api/v1/agreements/${agreementId}`, journey.as('julie'))).body as { amountCents: number; paidCents: number; paymentOrders: { id: string; status: string }[] };
    const issued = agreement.paymentOrders.filter((order) => order.status === 'ISSUED').at(-1);
    switch (op.kind) {
      case 'release':
        return (await post('julie', `/api/v1/agreements/${agreementId}/tranches/${op.tranche}/release`, {}, randomUUID())).status;
      case 'pay':
        return issued ? (await post('finance', `/api/v1/payment-orders/${issued.id}/paid`, { reference: 'VIR' })).status : 0;
      case 'return':
        return issued ? (await post('finance', `/api/v1/payment-orders/${issued.id}/returned`, { reason: 'Retour' })).status : 0;
      case 'reduce':
        return (await post('paul', `/api/v1/agreements/${agreementId}/reduction`, { newAmountCents: Math.floor((agreement.amountCents * op.percent) / 100), reason: 'Réduction' }, randomUUID())).status;
      case 'terminate':
        return (await post('paul', `/api/v1/agreements/${agreementId}/termination`, { reason: 'Fin', amountDueCents: Math.floor((agreement.paidCents * op.duePercent) / 100) }, randomUUID())).status;
    }
  };

  it('keeps every invariant: the ledger verifies, the grant’s committed money is its open tranches, and disbursed plus receivable is what was paid out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        const { applicationId, agreementId } = await signedAgreement();
        for (const op of operations) {
          const status = await apply(agreementId, op);
          // Business refusals (4xx) are allowed; a server error never.
          expect(status).toBeLessThan(500);
        }
        const verification = await journey.api.get('/api/v1/ledger/verify', journey.as('aude'));
        expect(verification.body).toMatchObject({ valid: true, problems: [] });
        const [grant] = await db.query<{ committed: string; disbursed: string; receivable: string; open: string; paid: string }>(`
          SELECT (SELECT coalesce(sum(balance_cents), 0) FROM ledger_account WHERE grant_id = $1 AND kind = 'COMMITTED')::text AS committed,
                 (SELECT coalesce(sum(balance_cents), 0) FROM ledger_account WHERE grant_id = $1 AND kind = 'DISBURSED')::text AS disbursed,
                 (SELECT coalesce(sum(balance_cents), 0) FROM ledger_account WHERE grant_id = $1 AND kind = 'RECEIVABLE')::text AS receivable,
                 (SELECT coalesce(sum(amount_cents), 0) FROM agreement_tranche WHERE agreement_id = $2 AND status IN ('PENDING', 'RELEASABLE'))::text AS open,
                 (SELECT coalesce(sum(amount_cents), 0) FROM payment_order WHERE agreement_id = $2 AND status <> 'RETURNED')::text AS paid`,
          [applicationId, agreementId]);
        expect(Number(grant.committed)).toBe(Number(grant.open));
        expect(Number(grant.disbursed) + Number(grant.receivable)).toBe(Number(grant.paid));
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
