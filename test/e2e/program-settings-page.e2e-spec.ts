import { Role } from '@fa/identity';
import { createActiveAccount } from '../support/accounts';
import { signedInPortal } from '../support/portal-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('the program settings page', () => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    const people: [string, Role, string][] = [['ada@iq.example', 'ADMINISTRATOR', 'Ada Min'], ['aude@iq.example', 'AUDITOR', 'Aude Itrice'], ['pme@pme.example', 'APPLICANT', 'Léa PME']];
    for (const [email, role, displayName] of people) await createActiveAccount(server.app, { email, role, displayName });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const signedIn = (email: string) => signedInPortal(server.url, email);
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/[\s\u00a0\u202f]+/g, ' ');
  /** Every input and select of the form with its value, as a browser would send it back unchanged. */
  const formValues = (html: string): Record<string, string> => {
    const form = html.slice(html.indexOf('<form method="post" action="/admin/program"'), html.indexOf('</form>', html.indexOf('action="/admin/program"')));
    const values: Record<string, string> = {};
    for (const match of form.matchAll(/<input id="[^"]*" name="([^"]+)" type="[^"]*"[^>]*? value="([^"]*)"/g)) values[match[1]] = match[2].replace(/&#x2F;/g, '/');
    for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) values[match[1]] = match[2];
    for (const match of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) values[match[1]] = /<option value="([^"]*)" selected>/.exec(match[2])?.[1] ?? '';
    return values;
  };

  it('shows administrators the settings in force as a form, and changes them as a new version with its reason', async () => {
    const ada = await signedIn('ada@iq.example');
    const page = await ada.get('/admin/program');
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain('Version en vigueur : 1');
    const values = formValues(page.html);
    expect(values).toMatchObject({ envelopeCents: '15000000', grantCeilingCents: '500000', coInvestmentRatioBps: '1', 'agreements.trancheBps': '40 / 40 / 20', 'region.06': '1', 'region.13': '3', 'region.01': '', 'targets.1.smesFunded': '100' });

    const unchanged = await ada.post('/admin/program', { ...values, reason: 'Rien' });
    expect([unchanged.status, text(unchanged.html).includes('Ce sont déjà les paramètres en vigueur')]).toEqual([422, true]);

    const wrong = await ada.post('/admin/program', { ...values, 'screening.weights.leverage': '30', 'agreements.trancheBps': 'quarante', reason: '' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('<a href="#setting-agreements-trancheBps">');
    expect(wrong.html).toContain('<a href="#setting-reason">Motif de la modification : ce renseignement est obligatoire.</a>');
    const sums = await ada.post('/admin/program', { ...values, 'screening.weights.leverage': '30', reason: 'Levier' });
    expect(sums.status).toBe(400);
    expect(sums.html).toContain('<a href="#setting-screening-weights-leverage">Les six poids du score doivent totaliser 100.</a>');
    expect(sums.html).toContain('value="30"');

    const saved = await ada.post('/admin/program', {
      ...values, 'agreements.trancheBps': '50 / 30 / 20', 'targets.1.region.06.smesFunded': '20', 'targets.1.region.06.aiJobs': '40', reason: 'Cibles de Montréal pour T3; versements 50/30/20.',
    });
    expect([saved.status, saved.location]).toEqual([303, '/admin/program?saved=2#history']);
    const after = await ada.get('/admin/program?saved=2');
    const afterText = text(after.html);
    expect(afterText).toContain('Les paramètres sont enregistrés : version 2.');
    expect(afterText).toMatch(/2 .* Ada Min Cibles de Montréal pour T3; versements 50\/30\/20\. agreements\.trancheBps, targets\[1\]\.regions/);
    expect(formValues(after.html)).toMatchObject({ 'agreements.trancheBps': '50 / 30 / 20', 'targets.1.region.06.smesFunded': '20', expectedVersion: '2' });
    await expect(db.query("SELECT region_code, smes_funded, ai_jobs FROM regional_target WHERE period_code = 'T3'")).resolves.toEqual([{ region_code: '06', smes_funded: 20, ai_jobs: 40 }]);

    // The form drawn from version 1, sent after version 2: refused, nothing overwritten.
    const stale = await ada.post('/admin/program', { ...values, 'agreements.reminderDaysBefore': '21', reason: 'Rappel plus tôt' });
    expect([stale.status, text(stale.html).includes('Les paramètres ont changé depuis la version que vous modifiiez')]).toEqual([409, true]);

    await ada.get('/language/en?next=%2Fadmin%2Fprogram');
    const english = await ada.get('/admin/program');
    expect(text(english.html)).toContain('Version in force: 2');
    expect(english.html).toContain('<label for="setting-agreements-trancheBps">Tranches (% of the grant, in order)</label>');
  });

  it('lets auditors read the settings and their history without a way to change them, and nobody else', async () => {
    const aude = await signedIn('aude@iq.example');
    const page = await aude.get('/admin/program');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('type="submit" class="button"');
    expect(text(page.html)).toContain('Historique des versions');
    expect((await aude.post('/admin/program', { _csrf: aude.csrfOf(page.html), reason: 'x' })).status).toBe(403);
    const lea = await signedIn('pme@pme.example');
    expect((await lea.get('/admin/program')).status).toBe(403);
  });
});
