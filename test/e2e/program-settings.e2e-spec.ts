import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { createPeopleWithTokens } from '../support/accounts';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

type Settings = Record<string, unknown> & {
  envelopeCents: number;
  grantCeilingCents: number;
  screening: { weights: Record<string, number> } & Record<string, unknown>;
  agreements: { trancheBps: number[]; reminderDaysBefore: number };
  waves: { waveNumber: number; regionCodes: string[] }[];
  targets: { periodCode: string; regions: { regionCode: string; smesFunded: number | null; aiJobs: number | null }[] }[];
};

describe('program administration: versioned settings', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new TravelClock(new Date('2026-11-23T15:00:00Z'));
  let journey: ReturnType<typeof reviewJourney>;
  const people: [string, Role][] = [['admin', 'ADMINISTRATOR'], ['aude', 'AUDITOR'], ['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER']];
  const SETTINGS = '/api/v1/programs/FA-2026/settings';
  const get = (who: string, path: string) => journey.api.get(path, journey.as(who));

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), clock);
    journey = reviewJourney(server.url, await createPeopleWithTokens(server.app, server.url, people));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const current = async (): Promise<{ version: number; settings: Settings }> => (await get('admin', SETTINGS)).body as unknown as { version: number; settings: Settings };
  const change = async (mutate: (settings: Settings) => void, reason = 'Ajustement décidé par le comité.', expectedVersion?: number) => {
    const { version, settings } = await current();
    const next = structuredClone(settings);
    mutate(next);
    return journey.api.put(SETTINGS, { settings: next, reason, expectedVersion: expectedVersion ?? version }, journey.as('admin'));
  };

  it('gives the settings in force as version 1, the document the migrations set', async () => {
    const { body, status } = await get('admin', SETTINGS);
    expect(status).toBe(200);
    expect(body).toMatchObject({ programCode: 'FA-2026', version: 1, changedBy: null, reason: expect.stringContaining('migrations') });
    const settings = body.settings as Settings;
    expect(settings).toMatchObject({ envelopeCents: 1_500_000_000, grantCeilingCents: 50_000_000, coInvestmentRatioBps: 10_000, agreements: { trancheBps: [4000, 4000, 2000], reminderDaysBefore: 14 } });
    expect(settings.screening.weights).toEqual({ leverage: 25, jobs: 25, useCaseFit: 15, readiness: 15, regionWave: 10, duration: 10 });
    expect(settings.waves.flatMap((wave) => wave.regionCodes).sort()).toEqual(['02', '03', '04', '05', '06', '07', '12', '13', '16', '17']);
    expect(settings.targets.map((target) => target.periodCode)).toEqual(['T2', 'T3', 'T4', 'REVIEW_12M']);
    await expect(get('aude', SETTINGS)).resolves.toMatchObject({ status: 200 });
    await expect(get('pme', SETTINGS)).resolves.toMatchObject({ status: 403 });
  });

  it('makes each change a new version with who, when and why, and leaves earlier screenings as they were', async () => {
    const before = await journey.submittedFile('pme', '1190000001');
    const changed = await change((settings) => {
      settings.screening.weights = { leverage: 30, jobs: 20, useCaseFit: 15, readiness: 15, regionWave: 10, duration: 10 };
      settings.agreements.trancheBps = [5000, 3000, 2000];
      settings.targets.find((target) => target.periodCode === 'T3')!.regions = [{ regionCode: '06', smesFunded: 20, aiJobs: 40 }, { regionCode: '05', smesFunded: 8, aiJobs: null }];
    }, 'Levier privé mieux pondéré; cibles régionales de T3.');
    expect(changed.status).toBe(200);
    const [admin] = await db.query<{ id: string }>("SELECT id FROM account WHERE email = 'admin@test.example'");
    expect(changed.body).toMatchObject({ version: 2, changedBy: admin.id, reason: 'Levier privé mieux pondéré; cibles régionales de T3.', changedAt: expect.stringMatching(/^2026-11-23T15:0/) });
    const after = await journey.submittedFile('pme', '1190000002');

    const screenings = await db.query<{ application_id: string; settings_version: number; weights: unknown }>(
      "SELECT application_id, settings_version, settings->'weights' AS weights FROM screening WHERE application_id = ANY($1)", [[before, after]],
    );
    const of = (id: string) => screenings.find((row) => row.application_id === id)!;
    expect(of(before)).toMatchObject({ settings_version: 1, weights: expect.objectContaining({ leverage: 25, jobs: 25 }) });
    expect(of(after)).toMatchObject({ settings_version: 2, weights: expect.objectContaining({ leverage: 30, jobs: 20 }) });
    await expect(get('pme', `/api/v1/applications/${before}/screening`)).resolves.toMatchObject({ status: 200, body: { settingsVersion: 1 } });

    const history = (await get('aude', `${SETTINGS}/versions`)).body as unknown as { version: number; reason: string; settings: Settings }[];
    expect(history.map((version) => version.version)).toEqual([2, 1]);
    expect(history[1].settings.screening.weights.leverage).toBe(25);
    await expect(get('aude', `${SETTINGS}/versions/1`)).resolves.toMatchObject({ status: 200, body: { version: 1 } });
    await expect(get('aude', `${SETTINGS}/versions/9`)).resolves.toMatchObject({ status: 404, body: { code: 'SETTINGS_VERSION_NOT_FOUND' } });
    await expect(db.query("SELECT details->>'version' AS version FROM audit_event WHERE action = 'program.settings_changed'")).resolves.toEqual([{ version: '2' }]);
    // What every context reads now: the agreements' schedule, the dashboard's regional targets.
    await expect(db.query("SELECT tranche_bps FROM agreement_settings WHERE program_code = 'FA-2026'")).resolves.toEqual([{ tranche_bps: [5000, 3000, 2000] }]);
    const dashboard = (await get('aude', '/api/v1/rollout/regions')).body as unknown as { regions: { regionCode: string; target: unknown }[] };
    expect(dashboard.regions.find((region) => region.regionCode === '06')!.target).toEqual({ smesFunded: 20, aiJobs: 40 });
    expect(dashboard.regions.find((region) => region.regionCode === '17')!.target).toBeNull();
    // Versions are append-only, in the database too.
    await expect(db.query("UPDATE program_settings_version SET reason = 'x' WHERE version = 1")).rejects.toThrow(/append-only/);
  });

  it('refuses a change made from an older version, one that changes nothing, and a wrong document, writing nothing', async () => {
    await expect(change((settings) => { settings.agreements.reminderDaysBefore = 21; }, 'Rappel plus tôt.', 1)).resolves.toMatchObject({ status: 409, body: { code: 'SETTINGS_VERSION_CONFLICT', details: { currentVersion: 2 } } });
    await expect(change(() => undefined)).resolves.toMatchObject({ status: 422, body: { code: 'SETTINGS_UNCHANGED' } });
    const wrong = await change((settings) => {
      settings.screening.weights.leverage = 29;
      settings.waves[0].regionCodes = settings.waves[0].regionCodes.slice(1);
      settings.agreements.trancheBps = [5000, 5000, 1];
      settings.grantCeilingCents = 2_000_000_000;
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body.details as { fields: { field: string }[] }).fields.map((problem) => problem.field)).toEqual(['grantCeilingCents', 'screening.weights', 'agreements.trancheBps', 'waves', 'targets[1].regions[0].regionCode']);
    await expect(journey.api.put(SETTINGS, { settings: { envelopeCents: 1 }, reason: 'x', expectedVersion: 2 }, journey.as('admin'))).resolves.toMatchObject({ status: 400 });
    // A misspelt weight, a date the database cannot hold: refused as the document's problems, not a crash.
    const misspelt = await change((settings) => { settings.screening.weights = { leverage: 25, jobs: 25, useCaseFit: 15, readiness: 15, regionwave: 10, duration: 10 }; settings.intakeOpensOn = '0000-01-01'; });
    expect(misspelt).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((misspelt.body.details as { fields: { field: string; rule: string }[] }).fields.map((problem) => [problem.field, problem.rule])).toEqual([['intakeOpensOn', 'date'], ['screening.weights', 'weights']]);
    await expect(get('aude', `${SETTINGS}/versions/99999999999`)).resolves.toMatchObject({ status: 404, body: { code: 'SETTINGS_VERSION_NOT_FOUND' } });
    await expect(journey.api.put(SETTINGS, { settings: (await current()).settings, reason: '  ', expectedVersion: 2 }, journey.as('admin'))).resolves.toMatchObject({ status: 400 });
    await expect(journey.api.put(SETTINGS, { settings: (await current()).settings, reason: 'x', expectedVersion: 2 }, journey.as('aude'))).resolves.toMatchObject({ status: 403 });
    expect((await current()).version).toBe(2);
  });

  it('moves the envelope in the ledger, never below what is committed', async () => {
    const id = await journey.submittedFile('pme', '1190000003');
    await journey.recommended(id, ['rev1', 'rev2'], 25_000_000);
    await journey.declare('paul', id);
    const decided = await journey.api.post(`/api/v1/applications/${id}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, { ...journey.as('paul'), headers: { 'idempotency-key': randomUUID() } });
    expect([decided.status, decided.body]).toEqual([201, expect.anything()]);
    // 1 475 000 000 available: shrinking the envelope to 20 000 000 would take 1 480 000 000 from it.
    const refused = await change((settings) => { settings.envelopeCents = 20_000_000; settings.grantCeilingCents = 20_000_000; }, 'Enveloppe réduite.');
    expect(refused).toMatchObject({ status: 409, body: { code: 'ENVELOPE_BELOW_COMMITMENTS', details: { availableCents: 1_475_000_000, missingCents: 5_000_000 } } });
    expect((await current()).settings.envelopeCents).toBe(1_500_000_000);
    const grown = await change((settings) => { settings.envelopeCents = 1_600_000_000; }, 'Budget complémentaire de 1 M$.');
    expect(grown).toMatchObject({ status: 200, body: { version: 3 } });
    const [{ available }] = await db.query<{ available: string }>("SELECT balance_cents::text AS available FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026'");
    expect(Number(available)).toBe(1_575_000_000);
    await expect(get('aude', '/api/v1/ledger/verify')).resolves.toMatchObject({ body: { valid: true, problems: [] } });
    await expect(get('aude', '/api/v1/programs/FA-2026')).resolves.toMatchObject({ status: 200, body: { envelopeCents: 1_600_000_000, settingsVersion: 3 } });
  });
});
