import { createActiveAccount, TEST_PASSWORD } from '../support/accounts';
import { TravelClock } from '@fa/shared';
import { pdfBytes } from '../support/files';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';
import { portalClient, signedInPortal } from '../support/portal-client';

describe('intake pages', () => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    await createActiveAccount(server.app, { email: 'page@usinage.example', role: 'APPLICANT' });
    await createActiveAccount(server.app, { email: 'other@ailleurs.example', role: 'APPLICANT' });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const signedIn = (email: string) => signedInPortal(server.url, email);
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

  let page: Awaited<ReturnType<typeof signedIn>>;
  let applicationPath: string;

  it('shows the registration form again with each problem named at its field, and writes nothing', async () => {
    page = await signedIn('page@usinage.example');
    const form = await page.get('/organizations/new');
    const response = await page.post('/organizations', { _csrf: page.csrfOf(form.html), legalName: 'Usinage', neq: '123', postalCode: 'abc', employees: 'beaucoup', annualRevenueCents: 'x', regionCode: '06', aiRole: 'ADOPTER' });
    expect(response.status).toBe(400);
    const summary = text(response.html.match(/<div class="error-summary"[\s\S]*?<\/div>/)![0]);
    expect(summary).toContain("Numéro d'entreprise du Québec (NEQ) : écrivez les 10 chiffres du NEQ.");
    expect(summary).toContain('Code postal : écrivez un code postal canadien');
    expect(summary).toContain("Chiffre d'affaires annuel ($) : écrivez un montant en dollars");
    expect(response.html).toContain('id="neq-error"');
    expect(response.html).toContain('value="Usinage"');
    expect(await count('organization')).toBe(0);
  });

  it('registers the enterprise and starts a draft', async () => {
    const form = await page.get('/organizations/new');
    const registered = await page.post('/organizations', {
      _csrf: page.csrfOf(form.html), legalName: 'Usinage Sherbrooke inc.', neq: '1174445556', streetAddress: '10, rue King Ouest', city: 'Sherbrooke',
      postalCode: 'j1h 1n5', regionCode: '05', naicsCode: '333', employees: '25', annualRevenueCents: '3 200 000,00', aiRole: 'ADOPTER',
    });
    expect([registered.status, registered.location]).toEqual([303, '/applications']);
    const list = await page.get('/applications');
    expect(text(list.html)).toContain('Usinage Sherbrooke inc.');
    const created = await page.post('/applications', { _csrf: page.csrfOf(list.html), organizationId: list.html.match(/name="organizationId" value="([^"]+)"/)![1] });
    expect(created.status).toBe(303);
    applicationPath = created.location!;
    expect(applicationPath).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    const profile = await db.query<{ postal_code: string; annual_revenue_cents: string }>('SELECT postal_code, annual_revenue_cents FROM organization_profile');
    expect(profile).toEqual([{ postal_code: 'J1H 1N5', annual_revenue_cents: '320000000' }]);
  });

  it('saves a section only when every field reads, and says which one does not', async () => {
    const form = await page.get(`${applicationPath}/sections/budget`);
    expect(form.status).toBe(200);
    const bad = await page.post(`${applicationPath}/sections/budget`, {
      _csrf: page.csrfOf(form.html), totalProjectCostCents: '400 000', amountRequestedCents: '200 000,999', otherPublicFundingCents: '0',
      'coInvestments-0-sourceName': 'Banque', 'coInvestments-0-sourceType': '', 'coInvestments-0-amount': '200 000',
    });
    expect(bad.status).toBe(400);
    expect(text(bad.html)).toContain('Montant demandé au Fonds ($) : écrivez un montant en dollars');
    expect(text(bad.html)).toContain('Co-investissement privé, ligne 1 : indiquez la source, le type et le montant.');
    const revision = (await db.query<{ revision: number }>('SELECT revision FROM application'))[0].revision;
    const good = await page.post(`${applicationPath}/sections/budget`, {
      _csrf: page.csrfOf(form.html), totalProjectCostCents: '400 000', amountRequestedCents: '200 000,50', otherPublicFundingCents: '0',
      'coInvestments-0-sourceName': 'Banque', 'coInvestments-0-sourceType': 'BANK_LOAN', 'coInvestments-0-amount': '199 999,50',
    });
    expect([good.status, good.location]).toEqual([303, applicationPath]);
    const saved = await db.query<{ amount_requested_cents: string; revision: number }>('SELECT amount_requested_cents, revision FROM application');
    expect(saved).toEqual([{ amount_requested_cents: '20000050', revision: revision + 1 }]);
    await expect(db.query('SELECT amount_cents FROM application_co_investment')).resolves.toEqual([{ amount_cents: '19999950' }]);
    expect((await page.get(`${applicationPath}/sections/budget`)).html).toContain('value="200000,50"');
  });

  it('takes a file from the portal only with the form’s CSRF token', async () => {
    const overview = await page.get(applicationPath);
    const upload = async (csrf: string | null) => {
      const form = new FormData();
      if (csrf !== null) form.append('_csrf', csrf);
      form.append('category', 'PROJECT_PLAN');
      form.append('file', new Blob([pdfBytes()], { type: 'application/pdf' }), 'plan.pdf');
      return fetch(`${server.url}${applicationPath}/attachments`, { method: 'POST', redirect: 'manual', headers: { cookie: [...page.cookies].map(([name, value]) => `${name}=${value}`).join('; '), accept: 'text/html' }, body: form });
    };
    expect((await upload(null)).status).toBe(403);
    expect((await upload('forged')).status).toBe(403);
    expect(await count('application_attachment')).toBe(0);
    const accepted = await upload(page.csrfOf(overview.html));
    expect(accepted.status).toBe(303);
    expect(text((await page.get(applicationPath)).html)).toContain('plan.pdf');
  });

  it('shows the same journey in English once the person switches language', async () => {
    await page.get('/language/en?next=%2Fapplications');
    const overview = text((await page.get(applicationPath)).html);
    expect(overview).toContain('Checklist');
    expect(overview).toContain('Budget and co-investment — Complete');
    expect(overview).toContain('AI project — 7 item(s) to complete');
    const form = await page.get(`${applicationPath}/sections/budget`);
    const bad = await page.post(`${applicationPath}/sections/budget`, { _csrf: page.csrfOf(form.html), totalProjectCostCents: 'lots' });
    expect(text(bad.html)).toContain('Total project cost ($): write an amount in dollars, for example 250,000.00.');
    await page.get('/language/fr?next=%2F');
  });

  it('answers a sign-in with a NUL in the address as a failed sign-in, not a database error', async () => {
    const browser = portalClient(server.url);
    const login = await browser.get('/login');
    const response = await browser.post('/login', { _csrf: browser.csrfOf(login.html), email: 'page\u0000@usinage.example', password: TEST_PASSWORD });
    expect(response.status).toBeLessThan(500);
  });

  it("answers another organization's application and an unknown section with 404", async () => {
    const intruder = await signedIn('other@ailleurs.example');
    expect((await intruder.get(applicationPath)).status).toBe(404);
    expect((await intruder.get(`${applicationPath}/sections/budget`)).status).toBe(404);
    expect((await page.get(`${applicationPath}/sections/secrets`)).status).toBe(404);
  });
});
