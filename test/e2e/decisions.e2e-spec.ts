import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { LedgerService } from '@fa/ledger';
import { TravelClock, runInTransaction } from '@fa/shared';
import { DataSource } from 'typeorm';
import { createPeopleWithTokens } from '../support/accounts';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('recommendations, changes requested and decisions', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let journey: ReturnType<typeof reviewJourney>;
  const tokens: Record<string, string> = {};
  const people: [string, Role][] = [
    ['pme', 'APPLICANT'], ['autre-pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['rev3', 'REVIEWER'],
    ['paul', 'APPROVER'], ['julie', 'APPROVER'], ['membre', 'APPROVER'], ['ancien-analyste', 'REVIEWER'], ['aude', 'AUDITOR'],
  ];
  let neq = 1_177_770_000;
  const nextNeq = () => String(++neq);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    Object.assign(tokens, await createPeopleWithTokens(server.app, server.url, people));
    journey = reviewJourney(server.url, tokens);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const get = (who: string, path: string) => journey.api.get(path, journey.as(who));
  const post = (who: string, path: string, body: unknown, headers?: Record<string, string>) => journey.api.post(path, body, { ...journey.as(who), headers });
  const file = (id: string, suffix = '') => `/api/v1/applications/${id}${suffix}`;
  const available = async () => Number((await db.query<{ balance_cents: string }>("SELECT balance_cents FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026'"))[0].balance_cents);

  it('assigns a file to the reviewer who takes it (its lead), who may assign others', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    const ids = Object.fromEntries(await Promise.all(people.map(async ([who]) => [who, (await get(who, '/api/v1/me')).body.id as string])));
    await expect(post('rev1', file(id, '/assignments'), {})).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    for (const who of ['rev1', 'rev2', 'ancien-analyste']) await journey.declare(who, id);
    await expect(post('rev1', file(id, '/assignments'), {})).resolves.toMatchObject({ status: 201, body: [{ reviewerAccountId: ids.rev1, lead: true }] });
    await expect(post('rev2', file(id, '/assignments'), { reviewerAccountId: ids.rev3 })).resolves.toMatchObject({ status: 403, body: { code: 'ASSIGNMENT_NOT_ALLOWED' } });
    await expect(post('rev1', file(id, '/assignments'), { reviewerAccountId: ids.pme })).resolves.toMatchObject({ status: 403, body: { code: 'ASSIGNMENT_NOT_ALLOWED' } });
    await expect(post('rev1', file(id, '/assignments'), { reviewerAccountId: ids.rev2 })).resolves.toMatchObject({ status: 201, body: [{ lead: true }, { reviewerAccountId: ids.rev2, lead: false }] });
    await expect(post('rev2', file(id, '/assignments'), {})).resolves.toMatchObject({ status: 409, body: { code: 'ALREADY_ASSIGNED' } });
    const mine = await get('rev2', '/api/v1/review/queue?assigned=me');
    expect((mine.body as unknown as { id: string; assignees: unknown[] }[]).map((item) => [item.id, item.assignees.length])).toEqual([[id, 2]]);
    expect((await get('rev3', '/api/v1/review/queue?assigned=unassigned')).body).toEqual([]);
    await expect(db.query('DELETE FROM review_assignment')).rejects.toThrow(/append-only/);
    await journey.declare('rev3', id, 'RECUSED');
    await expect(post('rev1', file(id, '/assignments'), { reviewerAccountId: ids.rev3 })).resolves.toMatchObject({ status: 403, body: { code: 'ASSIGNMENT_NOT_ALLOWED' } });
    await expect(post('rev3', file(id, '/assignments'), {})).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    await expect(post('pme', file(id, '/withdraw'), {})).resolves.toMatchObject({ status: 200 });
    await expect(post('ancien-analyste', file(id, '/assignments'), {})).resolves.toMatchObject({ status: 403, body: { code: 'ASSIGNMENT_NOT_ALLOWED', details: { status: 'WITHDRAWN' } } });
  });

  it('needs enough reviews, signed by one of their reviewers, within the amount requested, to recommend', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'x' })).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    await journey.inReview(id, 'rev1');
    await journey.review(id, 'rev1', [4, 4, 4, 4, 4]);
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'Trop tôt' })).resolves.toMatchObject({ status: 409, body: { code: 'REVIEWS_INSUFFICIENT', details: { reviews: 1 } } });
    await journey.declare('rev2', id);
    // Reviews stay independent: a reviewer who has not scored sees how many there are, not what they say.
    await expect(get('rev2', file(id, '/reviews'))).resolves.toMatchObject({ status: 200, body: { count: 1, reviews: [], meanTotal: null } });
    await journey.review(id, 'rev2', [2, 2, 2, 2, 2]);
    // 80 and 40 differ by more than 20 points: a third review is needed.
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'x' })).resolves.toMatchObject({ status: 409, body: { code: 'REVIEWS_INSUFFICIENT', details: { thirdReviewNeeded: true } } });
    await journey.declare('rev3', id);
    await journey.review(id, 'rev3', [3, 3, 3, 3, 3]);
    await expect(get('rev3', file(id, '/recommendation'))).resolves.toMatchObject({ status: 200, body: { suggestedKind: 'APPROVE', approvalThresholdPoints: 60, reviews: { meanTotal: 60 }, latest: null } });
    await journey.declare('ancien-analyste', id);
    await expect(post('ancien-analyste', file(id, '/recommendation'), { kind: 'APPROVE', amountCents: 1, reasons: 'x' })).resolves.toMatchObject({ status: 403, body: { code: 'RECOMMENDER_NOT_REVIEWER' } });
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'APPROVE', reasons: 'x' })).resolves.toMatchObject({ status: 400 });
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'APPROVE', amountCents: 25_000_001, reasons: 'x' })).resolves.toMatchObject({ status: 422, body: { code: 'AMOUNT_ABOVE_REQUESTED' } });
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'APPROVE', amountCents: 50_000_001, reasons: 'x' })).resolves.toMatchObject({ status: 422, body: { code: 'AMOUNT_ABOVE_CEILING' } });
    const signed = await post('rev3', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'Capacité de l’équipe insuffisante malgré la moyenne.' });
    expect(signed).toMatchObject({ status: 201, body: { kind: 'DECLINE', computedKind: 'APPROVE', amountCents: null, meanTotal: 60 } });
    expect((signed.body.reviewIds as string[]).length).toBe(3);
    await expect(get('pme', file(id))).resolves.toMatchObject({ body: { status: 'RECOMMENDED' } });
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'encore' })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(db.query("SELECT action FROM audit_event WHERE action = 'review.recommendation_signed' AND object_id = $1", [id])).resolves.toHaveLength(1);
  });

  it('keeps every approver who took part in the review, recused, or belongs to the organization from deciding', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    const organizationId = (await get('pme', file(id))).body.organizationId as string;
    // A reviewer who scored the file, later made an approver.
    await journey.inReview(id, 'ancien-analyste');
    await journey.review(id, 'ancien-analyste', [4, 4, 4, 4, 4]);
    await journey.declare('rev2', id);
    await journey.review(id, 'rev2', [4, 4, 4, 4, 4]);
    await post('rev2', file(id, '/recommendation'), { kind: 'APPROVE', amountCents: 20_000_000, reasons: 'Bon projet.' });
    await db.query("UPDATE account SET role = 'APPROVER' WHERE email = 'ancien-analyste@test.example'");
    const formerReviewer = await post('ancien-analyste', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 20_000_000 }, { 'idempotency-key': randomUUID() });
    expect(formerReviewer).toMatchObject({ status: 403, body: { code: 'FOUR_EYES_VIOLATION', details: { participation: ['reviewed', 'confirmedScreening'] } } });
    await db.query("UPDATE account SET role = 'REVIEWER' WHERE email = 'ancien-analyste@test.example'");
    // An approver who recused: a recusal is final.
    await journey.declare('julie', id, 'RECUSED');
    await expect(post('julie', file(id, '/conflict-declaration'), { kind: 'NO_CONFLICT' })).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    await expect(post('julie', file(id, '/decision'), { outcome: 'DECLINED', reasons: 'x' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    // An approver who is a member of the applicant's organization.
    await db.query("INSERT INTO organization_member (organization_id, account_id) SELECT $1, id FROM account WHERE email = 'membre@test.example'", [organizationId]);
    await expect(post('membre', file(id, '/conflict-declaration'), { kind: 'NO_CONFLICT' })).resolves.toMatchObject({ status: 201 });
    await expect(post('membre', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 1 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 403, body: { code: 'OWN_ORGANIZATION_FILE' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 1 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    await expect(post('rev2', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 1 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 403 });
    await expect(db.query('SELECT 1 FROM decision WHERE application_id = $1', [id])).resolves.toHaveLength(0);
    await expect(get('pme', file(id))).resolves.toMatchObject({ body: { status: 'RECOMMENDED' } });
  });

  it('approves an amount, committing it against the envelope in the same transaction; a repeat answers the same decision', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await journey.recommended(id, ['rev1', 'rev2'], 24_000_000);
    await journey.declare('paul', id);
    const before = await available();
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 25_000_001 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 422, body: { code: 'AMOUNT_ABOVE_REQUESTED' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 400 });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_000_000 }, { 'idempotency-key': 'x' })).resolves.toMatchObject({ status: 400 });
    const approved = await post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_000_000 }, { 'idempotency-key': 'decision-paul-0001' });
    expect(approved).toMatchObject({ status: 201, body: { outcome: 'APPROVED', amountCents: 24_000_000, ledgerIdempotencyKey: `approval:${id}:decision-paul-0001` } });
    expect(await available()).toBe(before - 24_000_000);
    const repeat = await post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_000_000 }, { 'idempotency-key': 'decision-paul-0001' });
    expect(repeat).toMatchObject({ status: 200, body: { id: approved.body.id } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 23_000_000 }, { 'idempotency-key': 'decision-paul-0001' })).resolves.toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_000_000 }, { 'idempotency-key': 'decision-paul-0002' })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    expect(await available()).toBe(before - 24_000_000);
    const entries = await db.query<{ entry_type: string; amount_cents: string; grant_id: string; region_code: string; sector_code: string; actor: string }>(
      'SELECT entry_type, amount_cents, grant_id, region_code, sector_code, actor FROM ledger_entry WHERE grant_id = $1', [id],
    );
    expect(entries).toEqual([{ entry_type: 'COMMITMENT', amount_cents: '24000000', grant_id: id, region_code: '06', sector_code: 'MANUFACTURING_ROBOTICS', actor: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    const seen = await get('pme', file(id));
    expect(seen.body).toMatchObject({ status: 'APPROVED' });
    expect((seen.body.timeline as { toStatus: string }[]).map((event) => event.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED']);
    await expect(get('pme', file(id, '/decision'))).resolves.toMatchObject({ status: 200, body: { outcome: 'APPROVED', amountCents: 24_000_000 } });
    await expect(get('autre-pme', file(id, '/decision'))).resolves.toMatchObject({ status: 404 });
    const mails = await db.query<{ recipient_email: string; locale: string; payload: { outcome: string; amountCents: number } }>("SELECT recipient_email, locale, payload FROM outbox_event WHERE type = 'decision'");
    expect(mails).toEqual([{ recipient_email: 'pme@test.example', locale: 'fr', payload: expect.objectContaining({ outcome: 'APPROVED', amountCents: 24_000_000 }) }]);
    for (const [lang, words] of [['fr', /accorde[\s\S]*240\u00a0000,00\u00a0\$/], ['en', /grants[\s\S]*\$240,000\.00/]] as const) {
      const letter = await fetch(`${server.url}${file(id, `/decision/letter?lang=${lang}`)}`, { headers: { authorization: `Bearer ${tokens.pme}` } });
      expect(letter.status).toBe(200);
      expect(letter.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      expect(await letter.text()).toMatch(words);
    }
    await expect(get('aude', '/api/v1/ledger/verify')).resolves.toMatchObject({ status: 200, body: { valid: true } });
    await expect(db.query('UPDATE decision SET amount_cents = 1')).rejects.toThrow(/append-only/);
    // The approver's "my data" holds their declarations and decisions.
    const myData = await get('paul', '/api/v1/me/data');
    expect(myData.body.review).toMatchObject({ conflictDeclarations: expect.arrayContaining([expect.objectContaining({ applicationId: id, kind: 'NO_CONFLICT' })]), decisions: [{ applicationId: id, outcome: 'APPROVED', amountCents: '24000000' }] });
  });

  it('declines with reasons the applicant reads, without touching the ledger', async () => {
    const id = await journey.submittedFile('autre-pme', nextNeq());
    await journey.recommended(id, ['rev1', 'rev2']);
    await journey.declare('paul', id);
    const entriesBefore = await db.query('SELECT id FROM ledger_entry');
    await expect(post('paul', file(id, '/decision'), { outcome: 'DECLINED' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 400 });
    await expect(post('paul', file(id, '/decision'), { outcome: 'DECLINED', reasons: '   ' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 400 });
    await expect(post('paul', file(id, '/decision'), { outcome: 'DECLINED', reasons: 'Le projet ne démontre pas de retombées suffisantes en emplois.' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 201, body: { outcome: 'DECLINED', amountCents: null, ledgerIdempotencyKey: null } });
    expect(await db.query('SELECT id FROM ledger_entry')).toHaveLength(entriesBefore.length);
    const letter = await fetch(`${server.url}${file(id, '/decision/letter')}`, { headers: { authorization: `Bearer ${tokens['autre-pme']}` } });
    expect(await letter.text()).toMatch(/n'accorde pas[\s\S]*retombées suffisantes en emplois/);
    await expect(get('autre-pme', file(id))).resolves.toMatchObject({ body: { status: 'DECLINED' } });
  });

  it('refuses an approval the envelope cannot cover, and changes nothing but the record of the refused command', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await journey.recommended(id, ['rev1', 'rev3']);
    await journey.declare('paul', id);
    const room = await available();
    // Commit all but 24,999,999 cents of the envelope to another grant: one cent short of this approval.
    const dataSource = server.app.get(DataSource);
    await runInTransaction(dataSource, (manager) => server.app.get(LedgerService).commit(manager, {
      idempotencyKey: 'test-filler-0001', programCode: 'FA-2026', grantId: randomUUID(), amountCents: room - 24_999_999, regionCode: null, sectorCode: null, actor: 'system', reason: 'Test filler',
    }));
    const entries = await db.query('SELECT id FROM ledger_entry');
    await expect(journey.api.post(file(id, '/decision'), { outcome: 'APPROVED', amountCents: 25_000_000 }, journey.as('paul'))).resolves.toMatchObject({ status: 400 });
    const refused = await post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 25_000_000 }, { 'idempotency-key': 'decision-refused-1' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'ENVELOPE_INSUFFICIENT', details: { availableCents: 24_999_999, requestedCents: 25_000_000, missingCents: 1 } } });
    expect(await db.query('SELECT id FROM ledger_entry')).toHaveLength(entries.length);
    await expect(db.query('SELECT 1 FROM decision WHERE application_id = $1', [id])).resolves.toHaveLength(0);
    await expect(get('pme', file(id))).resolves.toMatchObject({ body: { status: 'RECOMMENDED' } });
    await expect(db.query("SELECT outcome, refusal_code FROM ledger_command WHERE idempotency_key = $1", [`approval:${id}:decision-refused-1`])).resolves.toEqual([{ outcome: 'REFUSED', refusal_code: 'ENVELOPE_INSUFFICIENT' }]);
    // The same request answers the same refusal; another decision under its key is refused.
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 25_000_000 }, { 'idempotency-key': 'decision-refused-1' })).resolves.toMatchObject({ status: 409, body: { code: 'ENVELOPE_INSUFFICIENT' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'DECLINED', reasons: 'Autre décision' }, { 'idempotency-key': 'decision-refused-1' })).resolves.toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_000_000 }, { 'idempotency-key': 'decision-refused-1' })).resolves.toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_CONFLICT' } });
    await expect(get('pme', file(id))).resolves.toMatchObject({ body: { status: 'RECOMMENDED' } });
    // The exact amount left fits.
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 24_999_999 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 201 });
    expect(await available()).toBe(0);
    await expect(get('aude', '/api/v1/ledger/verify')).resolves.toMatchObject({ body: { valid: true } });
  });

  it('returns a file to the applicant with comments; the resubmitted file is screened and reviewed afresh', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await journey.inReview(id, 'rev1');
    await journey.review(id, 'rev1', [4, 4, 4, 4, 4]);
    await expect(post('rev1', file(id, '/changes-request'), { comments: '' })).resolves.toMatchObject({ status: 400 });
    await expect(post('rev1', file(id, '/changes-request'), { comments: 'Joignez la lettre d’engagement de la banque.' })).resolves.toMatchObject({ status: 204 });
    const returned = await get('pme', file(id));
    expect(returned.body).toMatchObject({ status: 'CHANGES_REQUESTED' });
    expect((returned.body.timeline as { toStatus: string; reason: string }[]).at(-1)).toMatchObject({ toStatus: 'CHANGES_REQUESTED', reason: 'Joignez la lettre d’engagement de la banque.' });
    await expect(db.query("SELECT payload->>'comments' AS comments FROM outbox_event WHERE type = 'changes-requested'")).resolves.toEqual([{ comments: 'Joignez la lettre d’engagement de la banque.' }]);
    await expect(journey.api.patch(file(id), { title: 'Inspection par vision, version 2', declaresAccuracy: true, consentsToProcessing: true, acknowledgesAutomatedScreening: true }, journey.as('pme'))).resolves.toMatchObject({ status: 200 });
    await expect(post('pme', file(id, '/submit'), {})).resolves.toMatchObject({ status: 200 });
    await expect(get('pme', file(id))).resolves.toMatchObject({ body: { status: 'SCREENED' } });
    await expect(post('rev1', file(id, '/screening/confirmation'), { outcome: 'ELIGIBLE', reason: 'Lettre reçue.' })).resolves.toMatchObject({ status: 200 });
    await expect(get('rev1', file(id, '/reviews'))).resolves.toMatchObject({ body: { count: 0 } });
    await expect(journey.review(id, 'rev1', [5, 4, 4, 4, 4])).resolves.toMatchObject({ count: 1 });
    await expect(db.query('SELECT submission_sequence FROM review WHERE application_id = $1 ORDER BY submitted_at', [id])).resolves.toEqual([{ submission_sequence: 1 }, { submission_sequence: 2 }]);
  });

  it('does not let a file a reviewer confirmed ineligible be recommended for approval or approved', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await journey.declare('rev1', id);
    await expect(post('rev1', file(id, '/screening/confirmation'), { outcome: 'INELIGIBLE', reason: 'Le co-investissement n’est pas démontré.' })).resolves.toMatchObject({ status: 200 });
    await journey.review(id, 'rev1', [4, 4, 4, 4, 4]);
    await journey.declare('rev2', id);
    await journey.review(id, 'rev2', [4, 4, 4, 4, 4]);
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'APPROVE', amountCents: 25_000_000, reasons: 'x' })).resolves.toMatchObject({ status: 409, body: { code: 'CONFIRMED_INELIGIBLE' } });
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'Non admissible : co-investissement non démontré.' })).resolves.toMatchObject({ status: 201 });
    await journey.declare('paul', id);
    await expect(post('paul', file(id, '/decision'), { outcome: 'APPROVED', amountCents: 25_000_000 }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 409, body: { code: 'CONFIRMED_INELIGIBLE' } });
  });

  it('refuses every step out of its state with INVALID_TRANSITION', async () => {
    const id = await journey.submittedFile('pme', nextNeq());
    await journey.declare('rev1', id);
    await journey.declare('paul', id);
    await expect(post('rev1', file(id, '/recommendation'), { kind: 'DECLINE', reasons: 'x' })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(post('paul', file(id, '/decision'), { outcome: 'DECLINED', reasons: 'x' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(post('rev1', file(id, '/reviews'), { scores: { AI_INNOVATION: 1, TECHNICAL_FEASIBILITY: 1, TEAM_CAPACITY: 1, ECONOMIC_IMPACT_AND_JOBS: 1, RESPONSIBLE_AI_AND_DATA: 1 } })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(post('pme', file(id, '/withdraw'), {})).resolves.toMatchObject({ status: 200 });
    await expect(post('rev1', file(id, '/changes-request'), { comments: 'x' })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION', details: { from: 'WITHDRAWN', to: 'CHANGES_REQUESTED' } } });
    await expect(post('rev1', file(id, '/screening/confirmation'), { outcome: 'ELIGIBLE', reason: 'x' })).resolves.toMatchObject({ status: 409 });
    await expect(post('aude', file(id, '/decision'), { outcome: 'DECLINED', reasons: 'x' }, { 'idempotency-key': randomUUID() })).resolves.toMatchObject({ status: 403 });
  });
});
