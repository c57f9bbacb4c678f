import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { MilestoneRemindersService } from '@fa/agreements';
import { createPeopleWithTokens } from '../support/accounts';
import { pdfBytes } from '../support/files';
import { COMPLETE_CONTENT } from '../support/intake-fixtures';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('agreements, milestone reports, tranche releases, payment orders and amendments', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let journey: ReturnType<typeof reviewJourney>;
  const tokens: Record<string, string> = {};
  let neq = 1_179_990_000;
  const clock = new TravelClock(new Date('2026-11-23T15:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), clock);
    const people: [string, Role][] = [['pme', 'APPLICANT'], ['autre-pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['julie', 'APPROVER'], ['finance', 'ADMINISTRATOR'], ['aude', 'AUDITOR']];
    Object.assign(tokens, await createPeopleWithTokens(server.app, server.url, people));
    journey = reviewJourney(server.url, tokens);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const get = (who: string, path: string) => journey.api.get(path, journey.as(who));
  const post = (who: string, path: string, body: unknown, key?: string) => journey.api.post(path, body, { ...journey.as(who), headers: key ? { 'idempotency-key': key } : undefined });
  const balances = async (grantId: string) => Object.fromEntries((await db.query<{ kind: string; balance: string }>('SELECT kind, balance_cents::text AS balance FROM ledger_account WHERE grant_id = $1', [grantId])).map((row) => [row.kind, Number(row.balance)]));
  const available = async () => Number((await db.query<{ b: string }>("SELECT balance_cents::text AS b FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026'"))[0].b);

  /** A file approved for 25,000,000 cents, its agreement made by Paul; signed by Julie after the enterprise accepts, unless told to stop before. */
  const agreementFor = async (sign = true): Promise<{ applicationId: string; agreementId: string }> => {
    const applicationId = await journey.submittedFile('pme', String(++neq));
    await journey.recommended(applicationId, ['rev1', 'rev2']);
    for (const approver of ['paul', 'julie']) await journey.declare(approver, applicationId);
    expect((await post('paul', `/api/v1/applications/${applicationId}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, randomUUID())).status).toBe(201);
    const created = await post('paul', `/api/v1/applications/${applicationId}/agreement`, {});
    expect(created.status).toBe(201);
    const agreementId = created.body.id as string;
    if (sign) {
      expect((await post('pme', `/api/v1/agreements/${agreementId}/acceptance`, {})).status).toBe(200);
      expect((await post('julie', `/api/v1/agreements/${agreementId}/signature`, {})).status).toBe(200);
    }
    return { applicationId, agreementId };
  };

  const evidence = async (agreementId: string): Promise<string> => {
    const uploaded = await journey.api.upload(`/api/v1/agreements/${agreementId}/evidence`, { name: 'factures.pdf', bytes: pdfBytes() }, {}, journey.as('pme'));
    expect(uploaded.status).toBe(201);
    return uploaded.body.id as string;
  };

  const reportAccepted = async (agreementId: string, milestoneNumber: number, privateSpentToDateCents: number): Promise<void> => {
    const report = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber, progress: 'Pilote en production.', aiJobsToDate: 2, privateSpentToDateCents, evidenceAttachmentIds: [await evidence(agreementId)] });
    expect(report.status).toBe(201);
    expect((await post('rev1', `/api/v1/agreements/${agreementId}/reports/${report.body.id as string}/review`, { outcome: 'ACCEPTED' })).status).toBe(200);
  };

  it('makes the agreement from the approval, 40 / 40 / 20 % in cents, accepted by the enterprise and signed by an approver', async () => {
    const { applicationId, agreementId } = await agreementFor(false);
    const offered = await get('pme', `/api/v1/agreements/${agreementId}`);
    expect(offered).toMatchObject({ status: 200, body: { status: 'OFFERED', amountCents: 25_000_000, trancheBps: [4000, 4000, 2000], organizationName: `Usinage ${neq} inc.` } });
    expect(offered.body.tranches).toEqual([
      { number: 1, amountCents: 10_000_000, milestoneNumber: null, status: 'PENDING' },
      { number: 2, amountCents: 10_000_000, milestoneNumber: 1, status: 'PENDING' },
      { number: 3, amountCents: 5_000_000, milestoneNumber: 2, status: 'PENDING' },
    ]);
    expect(offered.body.milestones).toEqual([{ number: 1, title: 'Pilote sur une ligne', dueOn: '2027-04-30', final: false }, { number: 2, title: 'Déploiement complet', dueOn: '2027-10-31', final: true }]);
    await expect(db.query("SELECT recipient_email FROM outbox_event WHERE type = 'agreement-offered'")).resolves.toEqual([{ recipient_email: 'pme@test.example' }]);
    await expect(post('paul', `/api/v1/applications/${applicationId}/agreement`, {})).resolves.toMatchObject({ status: 409, body: { code: 'AGREEMENT_ALREADY_EXISTS' } });
    await expect(get('autre-pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ status: 404, body: { code: 'AGREEMENT_NOT_FOUND' } });
    await expect(get('autre-pme', `/api/v1/agreements/${randomUUID()}`)).resolves.toMatchObject({ status: 404, body: { code: 'AGREEMENT_NOT_FOUND' } });
    await expect(post('julie', `/api/v1/agreements/${agreementId}/signature`, {})).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_AGREEMENT_STATE' } });
    await expect(post('autre-pme', `/api/v1/agreements/${agreementId}/acceptance`, {})).resolves.toMatchObject({ status: 404 });
    await expect(post('pme', `/api/v1/agreements/${agreementId}/acceptance`, {})).resolves.toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const signed = await post('julie', `/api/v1/agreements/${agreementId}/signature`, {});
    expect(signed).toMatchObject({ status: 200, body: { status: 'SIGNED', tranches: [{ status: 'RELEASABLE' }, { status: 'PENDING' }, { status: 'PENDING' }] } });
    await expect(get('pme', `/api/v1/applications/${applicationId}`)).resolves.toMatchObject({ body: { status: 'AGREEMENT_SIGNED' } });
    await expect(get('pme', `/api/v1/applications/${applicationId}/agreement`)).resolves.toMatchObject({ status: 200, body: { id: agreementId } });
    const listed = (await get('pme', '/api/v1/agreements')).body as unknown as { id: string; organizationName: string; trackingNumber: string }[];
    expect(listed.find((item) => item.id === agreementId)).toMatchObject({ organizationName: `Usinage ${neq} inc.`, trackingNumber: expect.stringMatching(/^FA-2026-\d{6}$/) });
    await expect(get('autre-pme', '/api/v1/agreements')).resolves.toMatchObject({ status: 200, body: [] });
  });

  it('releases a tranche only when private spending accepted covers the public money paid after it: one cent short refused, exact released', async () => {
    const { applicationId, agreementId } = await agreementFor();
    const release = (who: string, tranche: number, key: string = randomUUID()) => post(who, `/api/v1/agreements/${agreementId}/tranches/${tranche}/release`, {}, key);
    await expect(release('julie', 1)).resolves.toMatchObject({ status: 409, body: { code: 'CO_INVESTMENT_GATE', details: { missingPrivateCents: 10_000_000, privateSpentCents: 0 } } });
    await expect(release('julie', 2)).resolves.toMatchObject({ status: 409, body: { code: 'TRANCHE_NOT_RELEASABLE', details: { status: 'PENDING' } } });
    await reportAccepted(agreementId, 1, 9_999_999);
    await expect(release('julie', 1)).resolves.toMatchObject({ status: 409, body: { code: 'CO_INVESTMENT_GATE', details: { missingPrivateCents: 1, paidAfterCents: 10_000_000 } } });
    await reportAccepted(agreementId, 2, 10_000_000);
    const released = await release('julie', 1, 'release-exact-0001');
    expect(released).toMatchObject({ status: 201, body: { trancheNumber: 1, amountCents: 10_000_000, status: 'ISSUED' } });
    await expect(release('julie', 1, 'release-exact-0001')).resolves.toMatchObject({ status: 200, body: { id: released.body.id } });
    await expect(release('julie', 2, 'release-exact-0001')).resolves.toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    await expect(release('julie', 2)).resolves.toMatchObject({ status: 409, body: { code: 'CO_INVESTMENT_GATE', details: { missingPrivateCents: 10_000_000 } } });
    expect(await balances(applicationId)).toEqual({ COMMITTED: 15_000_000, DISBURSED: 10_000_000 });
    await expect(get('pme', `/api/v1/applications/${applicationId}`)).resolves.toMatchObject({ body: { status: 'ACTIVE' } });
    await expect(db.query("SELECT payload->>'amountCents' AS amount FROM outbox_event WHERE type = 'tranche-released'")).resolves.toEqual([{ amount: '10000000' }]);
    await expect(db.query("SELECT action FROM audit_event WHERE action = 'agreement.tranche_released' AND object_id = $1", [applicationId])).resolves.toHaveLength(1);
  });

  it('keeps the approver who reviewed a report from releasing, and reports to their rules', async () => {
    const { agreementId } = await agreementFor();
    await expect(post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 2, progress: 'Final d’abord', aiJobsToDate: 1, privateSpentToDateCents: 1, evidenceAttachmentIds: [] })).resolves.toMatchObject({ status: 409, body: { code: 'EARLIER_MILESTONE_NOT_ACCEPTED', details: { waitingFor: [1] } } });
    const first = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'Début', aiJobsToDate: 1, privateSpentToDateCents: 50_000_000, evidenceAttachmentIds: [] });
    expect(first.status).toBe(201);
    await expect(post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'Encore', aiJobsToDate: 1, privateSpentToDateCents: 1, evidenceAttachmentIds: [] })).resolves.toMatchObject({ status: 409, body: { code: 'REPORT_PENDING' } });
    await expect(post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'x', aiJobsToDate: 1, privateSpentToDateCents: 1, evidenceAttachmentIds: [randomUUID()] })).resolves.toMatchObject({ status: 400, body: { code: 'EVIDENCE_NOT_FOUND' } });
    // Spending beyond what cents carry safely would make every later read of the agreement fail: refused, nothing stored.
    for (const privateSpentToDateCents of [1_000_000_000_001, Number.MAX_SAFE_INTEGER + 2]) {
      await expect(post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'x', aiJobsToDate: 1, privateSpentToDateCents, evidenceAttachmentIds: [] })).resolves.toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    await expect(db.query('INSERT INTO milestone_report SELECT gen_random_uuid(), agreement_id, 1, progress, ai_jobs_to_date, 1000000000001, evidence_attachment_ids, submitted_at, submitted_by FROM milestone_report WHERE id = $1', [first.body.id])).rejects.toThrow(/milestone_report_private_spent_bound/);
    await expect(post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 9, progress: 'x', aiJobsToDate: 1, privateSpentToDateCents: 1, evidenceAttachmentIds: [] })).resolves.toMatchObject({ status: 404, body: { code: 'REPORT_NOT_FOUND' } });
    await expect(post('rev1', `/api/v1/agreements/${agreementId}/reports/${first.body.id as string}/review`, { outcome: 'RETURNED' })).resolves.toMatchObject({ status: 400 });
    await expect(post('rev1', `/api/v1/agreements/${agreementId}/reports/${first.body.id as string}/review`, { outcome: 'RETURNED', comments: 'Joignez les factures.' })).resolves.toMatchObject({ status: 200, body: { reviewOutcome: 'RETURNED' } });
    await expect(post('rev2', `/api/v1/agreements/${agreementId}/reports/${first.body.id as string}/review`, { outcome: 'ACCEPTED' })).resolves.toMatchObject({ status: 409, body: { code: 'REPORT_ALREADY_REVIEWED' } });
    const second = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'Avec factures', aiJobsToDate: 2, privateSpentToDateCents: 50_000_000, evidenceAttachmentIds: [await evidence(agreementId)] });
    await post('rev2', `/api/v1/agreements/${agreementId}/reports/${second.body.id as string}/review`, { outcome: 'ACCEPTED' });
    // A reviewer of a report, later made an approver, does not release the agreement's tranches.
    await db.query("UPDATE account SET role = 'APPROVER' WHERE email = 'rev2@test.example'");
    await expect(post('rev2', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID())).resolves.toMatchObject({ status: 403, body: { code: 'FOUR_EYES_RELEASE' } });
    await db.query("UPDATE account SET role = 'REVIEWER' WHERE email = 'rev2@test.example'");
    await expect(post('rev1', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID())).resolves.toMatchObject({ status: 403 });
    // A reviewer of the file itself, later made an approver, does not release either.
    await db.query("UPDATE account SET role = 'APPROVER' WHERE email = 'rev1@test.example'");
    await expect(post('rev1', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID())).resolves.toMatchObject({ status: 403, body: { code: 'FOUR_EYES_RELEASE' } });
    await db.query("UPDATE account SET role = 'REVIEWER' WHERE email = 'rev1@test.example'");
    await expect(post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {})).resolves.toMatchObject({ status: 400 });
    await expect(post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID())).resolves.toMatchObject({ status: 201 });
  });

  it('confirms payment orders paid, reverses a returned one and makes its tranche releasable again, and exports the payment file', async () => {
    const { applicationId, agreementId } = await agreementFor();
    await reportAccepted(agreementId, 1, 25_000_000);
    const first = await post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID());
    const returned = await post('finance', `/api/v1/payment-orders/${first.body.id as string}/returned`, { reason: 'Compte bancaire fermé.' });
    expect(returned).toMatchObject({ status: 200, body: { status: 'RETURNED', returnReason: 'Compte bancaire fermé.' } });
    expect(await balances(applicationId)).toEqual({ COMMITTED: 25_000_000, DISBURSED: 0 });
    await expect(get('pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ body: { paidCents: 0, tranches: [{ status: 'RELEASABLE' }, { status: 'RELEASABLE' }, { status: 'PENDING' }] } });
    await expect(post('finance', `/api/v1/payment-orders/${first.body.id as string}/paid`, { reference: 'VIR-1' })).resolves.toMatchObject({ status: 409, body: { code: 'PAYMENT_ORDER_SETTLED' } });
    const again = await post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID());
    expect(again).toMatchObject({ status: 201 });
    await expect(post('finance', `/api/v1/payment-orders/${again.body.id as string}/paid`, { reference: 'VIR-2026-0042' })).resolves.toMatchObject({ status: 200, body: { status: 'PAID', settlementReference: 'VIR-2026-0042' } });
    const file = await fetch(`${server.url}/api/v1/payment-orders?format=csv`, { headers: { authorization: `Bearer ${tokens.finance}` } });
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await file.text();
    expect(csv.split('\r\n')[0]).toBe('order_number,order_id,status,payee_name,payee_neq,tracking_number,tranche,amount,currency,issued_at,settled_at,settlement_reference');
    expect(csv).toContain(`${again.body.id as string},PAID,Usinage ${neq} inc.,${neq},`);
    expect(csv).toContain(',1,100000.00,CAD,');
    await expect(get('pme', '/api/v1/payment-orders')).resolves.toMatchObject({ status: 403 });
    await expect(get('aude', '/api/v1/payment-orders?status=PAID')).resolves.toMatchObject({ status: 200 });
    await expect(post('aude', `/api/v1/payment-orders/${again.body.id as string}/returned`, { reason: 'x' })).resolves.toMatchObject({ status: 403 });
    await expect(get('aude', '/api/v1/ledger/verify')).resolves.toMatchObject({ body: { valid: true } });
  });

  it('completes an agreement reduced to what was already paid: nothing is left to pay, no reminder keeps running', async () => {
    const { applicationId, agreementId } = await agreementFor();
    for (const [tranche, spent] of [[1, 10_000_000], [2, 20_000_000]]) {
      await reportAccepted(agreementId, tranche, spent);
      const order = await post('julie', `/api/v1/agreements/${agreementId}/tranches/${tranche}/release`, {}, randomUUID());
      await expect(post('finance', `/api/v1/payment-orders/${order.body.id as string}/paid`, { reference: `VIR-${tranche}` })).resolves.toMatchObject({ status: 200 });
    }
    await expect(get('pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ body: { status: 'SIGNED', paidCents: 20_000_000 } });
    await expect(post('paul', `/api/v1/agreements/${agreementId}/reduction`, { newAmountCents: 20_000_000, reason: 'Dernier jalon abandonné.' }, randomUUID())).resolves.toMatchObject({ status: 200, body: { releasedCents: 5_000_000, receivableCents: 0 } });
    await expect(get('pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ body: { status: 'COMPLETED', tranches: [{ status: 'PAID' }, { status: 'PAID' }, { status: 'CANCELLED' }] } });
    await expect(get('pme', `/api/v1/applications/${applicationId}`)).resolves.toMatchObject({ body: { status: 'COMPLETED' } });
    expect(await balances(applicationId)).toMatchObject({ COMMITTED: 0, DISBURSED: 20_000_000 });
  });

  it('reduces an agreement (remainder to the envelope) and terminates another (overpayment made a receivable), every invariant holding', async () => {
    const { applicationId, agreementId } = await agreementFor();
    const before = await available();
    await expect(post('paul', `/api/v1/agreements/${agreementId}/reduction`, { newAmountCents: 25_000_000, reason: 'x' }, randomUUID())).resolves.toMatchObject({ status: 422, body: { code: 'AMENDMENT_INVALID' } });
    const key = randomUUID();
    const reduced = await post('paul', `/api/v1/agreements/${agreementId}/reduction`, { newAmountCents: 20_000_000, reason: 'Portée réduite à une ligne.' }, key);
    expect(reduced).toMatchObject({ status: 200, body: { kind: 'REDUCTION', previousAmountCents: 25_000_000, newAmountCents: 20_000_000, releasedCents: 5_000_000, receivableCents: 0, repeated: false } });
    await expect(post('paul', `/api/v1/agreements/${agreementId}/reduction`, { newAmountCents: 20_000_000, reason: 'Portée réduite à une ligne.' }, key)).resolves.toMatchObject({ body: { repeated: true } });
    await expect(post('paul', `/api/v1/agreements/${agreementId}/termination`, { reason: 'Autre chose' }, key)).resolves.toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await available()).toBe(before + 5_000_000);
    await expect(get('pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ body: { amountCents: 20_000_000, tranches: [{ amountCents: 8_000_000 }, { amountCents: 8_000_000 }, { amountCents: 4_000_000 }] } });
    // Pay the first tranche, then terminate owing back 3,000,000 of the 8,000,000 paid.
    await reportAccepted(agreementId, 1, 8_000_000);
    const order = await post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID());
    // Not while the payment is in flight: it might still come back.
    await expect(post('paul', `/api/v1/agreements/${agreementId}/termination`, { reason: 'Projet abandonné.' }, randomUUID())).resolves.toMatchObject({ status: 409, body: { code: 'PAYMENT_IN_FLIGHT', details: { paymentOrderIds: [order.body.id] } } });
    await post('finance', `/api/v1/payment-orders/${order.body.id as string}/paid`, { reference: 'VIR-7' });
    const terminated = await post('paul', `/api/v1/agreements/${agreementId}/termination`, { reason: 'Projet abandonné.', amountDueCents: 5_000_000 }, randomUUID());
    expect(terminated).toMatchObject({ status: 200, body: { kind: 'TERMINATION', newAmountCents: 5_000_000, releasedCents: 12_000_000, receivableCents: 3_000_000 } });
    expect(await balances(applicationId)).toEqual({ COMMITTED: 0, DISBURSED: 5_000_000, RECEIVABLE: 3_000_000 });
    expect(await available()).toBe(before + 5_000_000 + 12_000_000);
    await expect(get('pme', `/api/v1/applications/${applicationId}`)).resolves.toMatchObject({ body: { status: 'TERMINATED' } });
    await expect(get('pme', `/api/v1/agreements/${agreementId}`)).resolves.toMatchObject({ body: { status: 'TERMINATED', tranches: [{ status: 'PAID' }, { status: 'CANCELLED' }, { status: 'CANCELLED' }] } });
    await expect(post('julie', `/api/v1/agreements/${agreementId}/tranches/2/release`, {}, randomUUID())).resolves.toMatchObject({ status: 409 });
    const verification = await get('aude', '/api/v1/ledger/verify');
    expect(verification).toMatchObject({ body: { valid: true, problems: [] } });
    await expect(post('aude', `/api/v1/agreements/${agreementId}/termination`, { reason: 'x' }, randomUUID())).resolves.toMatchObject({ status: 403 });
    // An auditor reads the agreement's entries by its id: those of its file, the commitment to the receivable.
    const byAgreement = (await get('aude', `/api/v1/ledger/entries?agreement=${agreementId}&limit=100`)).body as unknown as { entries: { grantId: string; entryType: string }[] };
    const byGrant = (await get('aude', `/api/v1/ledger/entries?grant=${applicationId}&limit=100`)).body as unknown as { entries: unknown[] };
    expect(byAgreement.entries).toEqual(byGrant.entries);
    expect(byAgreement.entries.map((entry) => entry.entryType)).toEqual(expect.arrayContaining(['COMMITMENT', 'DISBURSEMENT', 'COMMITMENT_RELEASE', 'RECEIVABLE']));
    expect(new Set(byAgreement.entries.map((entry) => entry.grantId))).toEqual(new Set([applicationId]));
  });

  it('mails a reminder 14 days before a report is due and a notice when it is overdue, once each, and shows staff the overdue files', async () => {
    const { agreementId } = await agreementFor();
    const reminders = server.app.get(MilestoneRemindersService);
    const mails = async () => (await db.query<{ type: string; n: number }>("SELECT type, count(*)::int AS n FROM outbox_event WHERE type LIKE 'milestone-report-%' AND payload->>'agreementUrl' LIKE $1 GROUP BY type ORDER BY type", [`%${agreementId}`]));
    await expect(reminders.sendDue()).resolves.toMatchObject({ reminders: 0 });
    // Milestone 1 is due 2027-04-30: 15 days before, nothing; 14 days before, a reminder, once.
    clock.travelTo(new Date('2027-04-15T15:00:00Z'));
    await reminders.sendDue();
    expect(await mails()).toEqual([]);
    clock.travelTo(new Date('2027-04-16T15:00:00Z'));
    await Promise.all([reminders.sendDue(), reminders.sendDue()]);
    await reminders.sendDue();
    expect(await mails()).toEqual([{ type: 'milestone-report-reminder', n: 1 }]);
    clock.travelTo(new Date('2027-05-01T15:00:00Z'));
    await reminders.sendDue();
    await reminders.sendDue();
    expect(await mails()).toEqual([{ type: 'milestone-report-overdue', n: 1 }, { type: 'milestone-report-reminder', n: 1 }]);
    const overdue = await get('rev1', '/api/v1/milestones/overdue');
    expect((overdue.body as unknown as { agreementId: string; milestoneNumber: number }[]).filter((item) => item.agreementId === agreementId)).toEqual([expect.objectContaining({ milestoneNumber: 1, dueOn: '2027-04-30' })]);
    await expect(get('pme', '/api/v1/milestones/overdue')).resolves.toMatchObject({ status: 403 });
    // A report awaiting review takes the file off the list.
    await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'En retard, mais fait.', aiJobsToDate: 1, privateSpentToDateCents: 1, evidenceAttachmentIds: [] });
    const after = await get('rev1', '/api/v1/milestones/overdue');
    expect((after.body as unknown as { agreementId: string }[]).filter((item) => item.agreementId === agreementId)).toEqual([]);
    clock.travelTo(new Date('2026-11-23T15:00:00Z'));
  });

  it('keeps one enterprise within the ceiling over several files: what it was granted before counts', async () => {
    const { applicationId, agreementId } = await agreementFor();
    await post('paul', `/api/v1/agreements/${agreementId}/termination`, { reason: 'Projet abandonné.' }, randomUUID());
    const organizationId = (await get('pme', `/api/v1/applications/${applicationId}`)).body.organizationId as string;
    const draft = await post('pme', '/api/v1/applications', {
      organizationId, ...COMPLETE_CONTENT, totalProjectCostCents: 50_000_002, amountRequestedCents: 25_000_001,
      coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: 25_000_001 }],
    });
    expect(draft.status).toBe(201);
    const second = draft.body.id as string;
    expect((await post('pme', `/api/v1/applications/${second}/submit`, {})).status).toBe(200);
    await journey.recommended(second, ['rev1', 'rev2'], 25_000_001);
    await journey.declare('paul', second);
    // 25,000,000 granted before + 25,000,001 = one cent above the 50,000,000 ceiling.
    await expect(post('paul', `/api/v1/applications/${second}/decision`, { outcome: 'APPROVED', amountCents: 25_000_001 }, randomUUID())).resolves.toMatchObject({
      status: 422, body: { code: 'AMOUNT_ABOVE_CEILING', details: { alreadyGrantedCents: 25_000_000, ceilingCents: 50_000_000 } },
    });
    await expect(post('paul', `/api/v1/applications/${second}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, randomUUID())).resolves.toMatchObject({ status: 201 });
  });
});
