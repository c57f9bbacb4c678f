import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { bearerToken, createActiveAccount } from '../support/accounts';
import { apiClient } from '../support/http-client';
import { COMPLETE_CONTENT, PROFILE } from '../support/intake-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('conflicts of interest and the reviewers’ queue', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const tokens: Record<string, string> = {};
  const files: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    const people: [string, Role][] = [
      ['mtl@pme.example', 'APPLICANT'], ['estrie@pme.example', 'APPLICANT'], ['rev1@iq.example', 'REVIEWER'], ['rev2@iq.example', 'REVIEWER'], ['rev3@iq.example', 'REVIEWER'], ['paul@iq.example', 'APPROVER'], ['aude@iq.example', 'AUDITOR'],
    ];
    for (const [email, role] of people) {
      await createActiveAccount(server.app, { email, role });
      tokens[email] = await bearerToken(server.url, email);
    }
    // A Montréal file with every readiness point, and an Estrie file with fewer points (lower score).
    for (const [email, neq, region, extra] of [
      ['mtl@pme.example', '1175550001', '06', {}],
      ['estrie@pme.example', '1175550002', '05', { mlStaffInPlace: false, researchPartners: [] }],
    ] as const) {
      const api = as(email);
      const organization = await api.post('/api/v1/organizations', { legalName: `PME ${region}`, neq, ...PROFILE, regionCode: region });
      const draft = await api.post('/api/v1/applications', {
        organizationId: organization.body.id, ...COMPLETE_CONTENT, ...extra,
        coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: 25_000_000 }],
      });
      expect((await api.post(`/api/v1/applications/${draft.body.id as string}/submit`, {})).status).toBe(200);
      files[region] = draft.body.id as string;
    }
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const as = (email: string) => {
    const api = apiClient(server.url);
    return { get: (path: string) => api.get(path, { token: tokens[email] }), post: (path: string, body: unknown) => api.post(path, body, { token: tokens[email] }) };
  };

  it('lists submitted files by priority score or by age, filtered by region, sector and outcome', async () => {
    const byScore = await as('rev1@iq.example').get('/api/v1/review/queue');
    expect(byScore.status).toBe(200);
    const items = byScore.body as unknown as { id: string; regionCode: string; priorityScore: number; myDeclaration: string | null }[];
    expect(items.map((item) => item.regionCode)).toEqual(['06', '05']);
    expect(items[0].priorityScore).toBeGreaterThan(items[1].priorityScore);
    expect(items.every((item) => item.myDeclaration === null)).toBe(true);
    const byAge = (await as('rev1@iq.example').get('/api/v1/review/queue?sort=age')).body as unknown as { regionCode: string }[];
    expect(byAge.map((item) => item.regionCode)).toEqual(['06', '05']);
    await expect(as('rev1@iq.example').get('/api/v1/review/queue?region=05')).resolves.toMatchObject({ body: [{ id: files['05'] }] });
    await expect(as('rev1@iq.example').get('/api/v1/review/queue?sector=HEALTH_AI')).resolves.toMatchObject({ body: [] });
    await expect(as('rev1@iq.example').get('/api/v1/review/queue?outcome=NEEDS_REVIEW&status=SCREENED&limit=1')).resolves.toMatchObject({ status: 200, body: [{ id: files['06'] }] });
    await expect(as('rev1@iq.example').get('/api/v1/review/queue?region=99')).resolves.toMatchObject({ status: 400 });
    await expect(as('mtl@pme.example').get('/api/v1/review/queue')).resolves.toMatchObject({ status: 403 });
  });

  it('opens a file’s details to a reviewer only after a declaration of no conflict, and records it', async () => {
    const reviewer = as('rev1@iq.example');
    for (const suffix of ['', '/screening', '/submitted-copy']) {
      await expect(reviewer.get(`/api/v1/applications/${files['06']}${suffix}`)).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    }
    const declared = await reviewer.post(`/api/v1/applications/${files['06']}/conflict-declaration`, { kind: 'NO_CONFLICT' });
    expect(declared).toMatchObject({ status: 201, body: { kind: 'NO_CONFLICT', statement: null } });
    for (const suffix of ['', '/screening', '/submitted-copy']) {
      await expect(reviewer.get(`/api/v1/applications/${files['06']}${suffix}`)).resolves.toMatchObject({ status: 200 });
    }
    await expect(reviewer.get('/api/v1/review/queue')).resolves.toMatchObject({ body: [{ id: files['06'], myDeclaration: 'NO_CONFLICT' }, { id: files['05'], myDeclaration: null }] });
    const audit = await db.query<{ action: string; object_id: string }>("SELECT action, object_id FROM audit_event WHERE action LIKE 'review.%'");
    expect(audit).toEqual([{ action: 'review.no_conflict_declared', object_id: files['06'] }]);
  });

  it('closes the file to a reviewer who recuses, even after declaring no conflict', async () => {
    const reviewer = as('rev2@iq.example');
    await reviewer.post(`/api/v1/applications/${files['05']}/conflict-declaration`, { kind: 'NO_CONFLICT' });
    await expect(reviewer.get(`/api/v1/applications/${files['05']}`)).resolves.toMatchObject({ status: 200 });
    await expect(reviewer.post(`/api/v1/applications/${files['05']}/conflict-declaration`, { kind: 'RECUSED', statement: 'Mon frère y travaille.' })).resolves.toMatchObject({ status: 201 });
    await expect(reviewer.get(`/api/v1/applications/${files['05']}`)).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    await expect(db.query('UPDATE review_declaration SET kind = $1', ['NO_CONFLICT'])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE review_declaration CASCADE')).rejects.toThrow(/append-only/);
    // A recusal is final, in the service and in the database (which also closes the race of two declarations at once).
    await expect(reviewer.post(`/api/v1/applications/${files['05']}/conflict-declaration`, { kind: 'NO_CONFLICT' })).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    await expect(db.query("INSERT INTO review_declaration (application_id, account_id, kind, declared_at) SELECT application_id, account_id, 'NO_CONFLICT', now() FROM review_declaration WHERE kind = 'RECUSED'")).rejects.toThrow(/recusal is final/);
  });

  it('has a reviewer confirm or overturn the automated screening with a reason the applicant is told', async () => {
    const reviewer = as('rev1@iq.example');
    const path = `/api/v1/applications/${files['06']}/screening/confirmation`;
    await expect(reviewer.post(path, { outcome: 'ELIGIBLE', reason: '' })).resolves.toMatchObject({ status: 400 });
    await expect(as('rev2@iq.example').post(`/api/v1/applications/${files['05']}/screening/confirmation`, { outcome: 'ELIGIBLE', reason: 'x' })).resolves.toMatchObject({ status: 403, body: { code: 'RECUSED_FROM_FILE' } });
    await expect(as('mtl@pme.example').post(path, { outcome: 'ELIGIBLE', reason: 'x' })).resolves.toMatchObject({ status: 403 });
    const confirmed = await reviewer.post(path, { outcome: 'ELIGIBLE', reason: 'La lettre de la banque confirme 250 000 $ : le co-investissement est engagé.' });
    expect(confirmed).toMatchObject({ status: 200, body: { automatedOutcome: 'NEEDS_REVIEW', confirmedOutcome: 'ELIGIBLE', overturned: true } });
    const file = await as('mtl@pme.example').get(`/api/v1/applications/${files['06']}`);
    expect(file.body).toMatchObject({ status: 'IN_REVIEW' });
    expect((file.body.timeline as { toStatus: string; reason: string | null }[]).at(-1)).toMatchObject({ toStatus: 'IN_REVIEW', reason: 'La lettre de la banque confirme 250 000 $ : le co-investissement est engagé.' });
    const mails = await db.query<{ recipient_email: string; payload: { overturned: boolean; reason: string } }>("SELECT recipient_email, payload FROM outbox_event WHERE type = 'screening-confirmation'");
    expect(mails).toEqual([{ recipient_email: 'mtl@pme.example', payload: expect.objectContaining({ overturned: true, confirmedOutcome: 'ELIGIBLE' }) }]);
    await expect(reviewer.post(path, { outcome: 'INELIGIBLE', reason: 'Encore' })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(db.query("SELECT action FROM audit_event WHERE action = 'review.screening_overturned'")).resolves.toHaveLength(1);
  });

  it('takes one review per reviewer on the grid, and asks for a third when two differ by more than 20 points', async () => {
    const path = `/api/v1/applications/${files['06']}/reviews`;
    const scores = (values: number[]) => Object.fromEntries(['AI_INNOVATION', 'TECHNICAL_FEASIBILITY', 'TEAM_CAPACITY', 'ECONOMIC_IMPACT_AND_JOBS', 'RESPONSIBLE_AI_AND_DATA'].map((code, index) => [code, values[index]]));
    const rev1 = as('rev1@iq.example');
    for (const bad of [scores([6, 5, 5, 5, 5]), scores([2.5, 5, 5, 5, 5]), { ...scores([5, 5, 5, 5, 5]), CHARM: 3 }, { AI_INNOVATION: 5 }]) {
      await expect(rev1.post(path, { scores: bad })).resolves.toMatchObject({ status: 400 });
    }
    await expect(rev1.post(path, { scores: scores([5, 5, 5, 5, 5]), comments: { AI_INNOVATION: 'x\u0000' } })).resolves.toMatchObject({ status: 400 });
    const first = await rev1.post(path, { scores: scores([4, 3, 5, 2, 1]), comments: { AI_INNOVATION: 'Vision par ordinateur éprouvée.' } });
    expect(first).toMatchObject({ status: 201, body: { count: 1, sufficient: false, reviews: [{ total: 61 }] } });
    await expect(rev1.post(path, { scores: scores([5, 5, 5, 5, 5]) })).resolves.toMatchObject({ status: 409, body: { code: 'ALREADY_REVIEWED' } });
    await expect(as('rev2@iq.example').post(path, { scores: scores([5, 5, 5, 5, 5]) })).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    await as('rev2@iq.example').post(`/api/v1/applications/${files['06']}/conflict-declaration`, { kind: 'NO_CONFLICT' });
    const second = await as('rev2@iq.example').post(path, { scores: scores([5, 5, 5, 5, 4]) });
    expect(second).toMatchObject({ status: 201, body: { count: 2, thirdReviewNeeded: true, sufficient: false } });
    await as('rev3@iq.example').post(`/api/v1/applications/${files['06']}/conflict-declaration`, { kind: 'NO_CONFLICT' });
    const third = await as('rev3@iq.example').post(path, { scores: scores([4, 4, 4, 4, 4]) });
    // (61 + 97 + 80) / 3 = 79.3
    expect(third).toMatchObject({ status: 201, body: { count: 3, thirdReviewNeeded: true, sufficient: true, meanTotal: 79.3 } });
    await expect(as('paul@iq.example').get(path)).resolves.toMatchObject({ status: 403, body: { code: 'CONFLICT_DECLARATION_REQUIRED' } });
    await expect(as('aude@iq.example').get(path)).resolves.toMatchObject({ status: 200, body: { count: 3 } });
    await as('rev3@iq.example').post(`/api/v1/applications/${files['05']}/conflict-declaration`, { kind: 'NO_CONFLICT' });
    await expect(as('rev3@iq.example').post(`/api/v1/applications/${files['05']}/reviews`, { scores: scores([4, 4, 4, 4, 4]) })).resolves.toMatchObject({ status: 409, body: { code: 'INVALID_TRANSITION' } });
    await expect(db.query('DELETE FROM review')).rejects.toThrow(/append-only/);
  });

  it('lets auditors read without a declaration, refuses bad declarations and unknown files', async () => {
    await expect(as('aude@iq.example').get(`/api/v1/applications/${files['05']}`)).resolves.toMatchObject({ status: 200 });
    await expect(as('rev1@iq.example').post(`/api/v1/applications/${files['05']}/conflict-declaration`, { kind: 'MAYBE' })).resolves.toMatchObject({ status: 400 });
    await expect(as('rev1@iq.example').post('/api/v1/applications/00000000-0000-4000-8000-000000000000/conflict-declaration', { kind: 'NO_CONFLICT' })).resolves.toMatchObject({ status: 404, body: { code: 'APPLICATION_NOT_FOUND' } });
    await expect(as('mtl@pme.example').post(`/api/v1/applications/${files['06']}/conflict-declaration`, { kind: 'NO_CONFLICT' })).resolves.toMatchObject({ status: 403 });
  });
});
