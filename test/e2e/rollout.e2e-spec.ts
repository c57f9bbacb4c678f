import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { createPeopleWithTokens } from '../support/accounts';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { parseCsv } from '../support/csv';
import { Figures, independentFigures } from '../support/rollout-figures';

/** The 360Giving schemas, copied with their attribution (test/fixtures/360giving/README.md). */
function grantPackageValidator() {
  const folder = join(__dirname, '..', 'fixtures', '360giving');
  const read = (name: string) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // Both declare 2020-12 by its http:// URI, which ajv knows as https://: its 2020 build reads them as 2020-12 without it.
  const { $schema: _grantDraft, ...grant } = read('360-giving-schema.json');
  const { $schema: _packageDraft, ...grantPackage } = read('360-giving-package-schema.json');
  // The package's items refer to the grant schema by its 1.4.2 URL: the local 1.4.3 copy answers it.
  ajv.addSchema({ ...grant, $id: 'https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json' });
  return ajv.compile(grantPackage);
}

describe('rollout dashboard and open data', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new TravelClock(new Date('2026-11-23T15:00:00Z'));
  const tokens: Record<string, string> = {};
  let journey: ReturnType<typeof reviewJourney>;
  const people: [string, Role][] = [['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['julie', 'APPROVER'], ['finance', 'ADMINISTRATOR'], ['aude', 'AUDITOR']];
  const get = (who: string | null, path: string) => journey.api.get(path, who ? journey.as(who) : {});
  const post = (who: string, path: string, body: unknown, key?: string) => journey.api.post(path, body, { ...journey.as(who), headers: key ? { 'idempotency-key': key } : undefined });

  /** A file of the region taken as far as `stage`. */
  const fileIn = async (neq: string, regionCode: string, stage: 'SUBMITTED' | 'DECLINED' | 'APPROVED' | 'PAID', amountCents = 25_000_000): Promise<string> => {
    const id = await journey.submittedFile('pme', neq, { aiJobsPlanned: 4 }, { regionCode });
    if (stage === 'SUBMITTED') return id;
    await journey.recommended(id, ['rev1', 'rev2'], amountCents);
    await journey.declare('paul', id);
    const decision = stage === 'DECLINED' ? { outcome: 'DECLINED', reasons: 'Retombées insuffisantes.' } : { outcome: 'APPROVED', amountCents };
    expect((await post('paul', `/api/v1/applications/${id}/decision`, decision, randomUUID())).status).toBe(201);
    if (stage !== 'PAID') return id;
    const agreementId = (await post('paul', `/api/v1/applications/${id}/agreement`, {})).body.id as string;
    await post('pme', `/api/v1/agreements/${agreementId}/acceptance`, {});
    await journey.declare('julie', id);
    await post('julie', `/api/v1/agreements/${agreementId}/signature`, {});
    const report = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'Pilote en production.', aiJobsToDate: 3, privateSpentToDateCents: amountCents, evidenceAttachmentIds: [] });
    expect((await post('rev2', `/api/v1/agreements/${agreementId}/reports/${report.body.id as string}/review`, { outcome: 'ACCEPTED' })).status).toBe(200);
    const order = await post('julie', `/api/v1/agreements/${agreementId}/tranches/1/release`, {}, randomUUID());
    expect((await post('finance', `/api/v1/payment-orders/${order.body.id as string}/paid`, { reference: `VIR-${neq}` })).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), clock);
    Object.assign(tokens, await createPeopleWithTokens(server.app, server.url, people));
    journey = reviewJourney(server.url, tokens);
    await fileIn('1170000001', '06', 'PAID', 25_000_000); // Montréal: funded, first tranche paid, 3 jobs reported
    await fileIn('1170000002', '06', 'DECLINED');
    await fileIn('1170000003', '05', 'APPROVED', 20_000_000); // Estrie: committed only
    await fileIn('1170000004', '03', 'SUBMITTED'); // Capitale-Nationale, wave 2 open: screened, awaiting a person
    await fileIn('1170000005', '13', 'SUBMITTED'); // Laval, wave 3 not open yet: ineligible
    await fileIn('1170000006', '01', 'SUBMITTED'); // Bas-Saint-Laurent, not a target region
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('gives each target region and the total its figures, equal to independent counts and ledger sums', async () => {
    const dashboard = await get('aude', '/api/v1/rollout/dashboard');
    expect(dashboard.status).toBe(200);
    const body = dashboard.body as unknown as { regions: (Figures & { regionCode: string; waveNumber: number; open: boolean })[]; total: Figures; otherRegions: Figures; period: { periodCode: string }; asOf: string };
    expect(body.asOf).toBe('2026-11-23');
    expect(body.period.periodCode).toBe('T3');
    expect(body.regions.map((region) => region.regionCode)).toEqual(['05', '06', '17', '02', '03', '04', '07', '12', '13', '16']);
    const expected = await independentFigures(db);
    for (const region of body.regions) {
      const independent = expected.get(region.regionCode) ?? { received: 0, eligible: 0, smesFunded: 0, approvedCents: 0, committedCents: 0, disbursedCents: 0, aiJobsPlanned: 0 };
      expect({ ...region, aiJobsReported: -1 }).toMatchObject(independent);
    }
    // The scenario, in plain figures.
    const montreal = body.regions.find((region) => region.regionCode === '06')!;
    expect(montreal).toMatchObject({ received: 2, eligible: 2, smesFunded: 1, approvedCents: 25_000_000, committedCents: 15_000_000, disbursedCents: 10_000_000, aiJobsPlanned: 4, aiJobsReported: 3, open: true, waveNumber: 1 });
    expect(body.regions.find((region) => region.regionCode === '05')).toMatchObject({ received: 1, smesFunded: 1, committedCents: 20_000_000, disbursedCents: 0 });
    // Its screening needs a person (the co-investment letter is not confirmed yet): not eligible until one confirms it.
    expect(body.regions.find((region) => region.regionCode === '03')).toMatchObject({ received: 1, eligible: 0, smesFunded: 0, open: true });
    expect(body.regions.find((region) => region.regionCode === '13')).toMatchObject({ received: 1, eligible: 0, open: false });
    expect(body.otherRegions).toMatchObject({ received: 1, eligible: 0, smesFunded: 0 });
    expect(body.total).toMatchObject({ received: 6, smesFunded: 2, approvedCents: 45_000_000, committedCents: 35_000_000, disbursedCents: 10_000_000, aiJobsPlanned: 8, aiJobsReported: 3 });
  });

  it('says what the envelope still funds, at the current average grant and for the period’s target', async () => {
    const { body } = await get('julie', '/api/v1/rollout/dashboard');
    const [{ available }] = await db.query<{ available: string }>("SELECT balance_cents::text AS available FROM ledger_account WHERE code = 'ENVELOPE_AVAILABLE:FA-2026'");
    expect(body.envelope).toEqual({
      envelopeCents: 1_500_000_000, grantCeilingCents: 50_000_000, availableCents: Number(available), committedCents: 35_000_000, disbursedCents: 10_000_000, receivableCents: 0,
      averageGrantCents: 22_500_000, moreSmesAtAverage: Math.floor(Number(available) / 22_500_000),
      smesToTarget: 98, averageGrantForTargetCents: Math.floor(Number(available) / 98),
    });
    expect(Number(available)).toBe(1_500_000_000 - 45_000_000);
    const timeline = body.timeline as { quarter: string; received: number; approved: number; committedCents: number; disbursedCents: number }[];
    expect(timeline.map((quarter) => quarter.quarter)).toEqual(['2026-Q3', '2026-Q4']);
    expect(timeline[1]).toEqual({ quarter: '2026-Q4', received: 6, approved: 2, committedCents: 45_000_000, disbursedCents: 10_000_000 });
  });

  it('downloads the figures as CSV, and keeps the dashboard from applicants and strangers', async () => {
    const csv = await journey.api.get('/api/v1/rollout/dashboard?format=csv', journey.as('finance'));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['region_code', 'region_name_fr', 'region_name_en', 'wave', 'received', 'eligible', 'smes_funded', 'target_smes_funded', 'approved', 'awarded', 'committed', 'disbursed', 'ai_jobs_planned', 'ai_jobs_reported', 'target_ai_jobs', 'period', 'as_of']);
    expect(rows.find((row) => row[0] === '06')).toEqual(['06', 'Montréal', 'Montréal', '1', '2', '2', '1', '', '250000.00', '250000.00', '150000.00', '100000.00', '4', '3', '', 'T3', '2026-11-23']);
    expect(rows.find((row) => row[0] === 'TOTAL')).toEqual(['TOTAL', 'Total', 'Total', '', '6', '3', '2', '100', '450000.00', '450000.00', '350000.00', '100000.00', '8', '3', '200', 'T3', '2026-11-23']);
    expect((await get('pme', '/api/v1/rollout/dashboard')).status).toBe(403);
    expect((await get(null, '/api/v1/rollout/regions')).status).toBe(401);
    const regions = await get('rev1', '/api/v1/rollout/regions');
    expect(regions).toMatchObject({ status: 200, body: { asOf: '2026-11-23', period: { periodCode: 'T3' } } });
    expect((regions.body.regions as unknown[]).length).toBe(10);
  });

  it('publishes the awarded grants as a valid 360Giving package, and as its spreadsheet, without any person in them', async () => {
    const published = await get(null, '/api/v1/open-data/grants');
    expect(published.status).toBe(200);
    const validate = grantPackageValidator();
    expect(validate(published.body) ? [] : validate.errors).toEqual([]);
    const grants = published.body.grants as Record<string, unknown>[];
    expect(grants).toHaveLength(2);
    expect(grants[0]).toMatchObject({
      currency: 'CAD', amountAwarded: 250000, amountDisbursed: 100000, awardDate: '2026-11-23',
      recipientOrganization: [{ id: '360G-IQ-NEQ-1170000001', name: 'Usinage 1170000001 inc.', addressRegion: 'Montréal' }],
      fundingOrganization: [{ name: 'Investissement Québec' }], beneficiaryLocation: [{ geoCode: '06' }], classifications: [{ code: 'MANUFACTURING_ROBOTICS' }],
    });
    expect(grants[1]).toMatchObject({ amountAwarded: 200000, amountDisbursed: 0, beneficiaryLocation: [{ geoCode: '05', name: 'Estrie' }] });
    const csv = await journey.api.get('/api/v1/open-data/grants?format=csv');
    const rows = parseCsv(csv.text);
    expect(rows[0].slice(0, 7)).toEqual(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Amount Disbursed', 'Award Date']);
    expect(rows.slice(1).map((row) => row[4])).toEqual(['250000.00', '200000.00']);

    // No person: the accounts' names and e-mails, the enterprises' street addresses and postal codes appear nowhere.
    const personal = [
      ...(await db.query<{ display_name: string; email: string }>('SELECT display_name, email FROM account')).flatMap((row) => [row.display_name, row.email]),
      ...(await db.query<{ street_address: string; postal_code: string }>('SELECT street_address, postal_code FROM organization_profile')).flatMap((row) => [row.street_address, row.postal_code]),
    ].filter((value) => value && value.length > 3);
    expect(personal.length).toBeGreaterThan(8);
    const published_text = JSON.stringify(published.body) + csv.text;
    expect(personal.filter((value) => published_text.toLowerCase().includes(value.toLowerCase()))).toEqual([]);
  });

  it('withholds the name of a sole proprietorship (often a person’s) from open data', async () => {
    const id = await journey.submittedFile('pme', '2270000007', {}, { regionCode: '05' });
    await db.query("UPDATE organization SET legal_name = 'Jean Tremblay enr.' WHERE neq = '2270000007'");
    await journey.recommended(id, ['rev1', 'rev2'], 10_000_000);
    await journey.declare('paul', id);
    expect((await post('paul', `/api/v1/applications/${id}/decision`, { outcome: 'APPROVED', amountCents: 10_000_000 }, randomUUID())).status).toBe(201);
    const published = JSON.stringify((await get(null, '/api/v1/open-data/grants')).body);
    expect(published).not.toContain('Tremblay');
    expect(published).toContain('Entreprise individuelle (nom non publié)');
  });
});
