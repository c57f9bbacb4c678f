/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { Page } from 'playwright-core';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { createPeopleWithTokens } from '../support/accounts';
import { axeViolations } from '../support/browser';
import { BrowserStack, signedInPage, startBrowserStack } from '../support/browser-stack';
import { reviewJourney } from '../support/review-journey';

describe('the rollout dashboard and the public page of the Fund’s progress, in French and English (Chromium)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({ clock: new TravelClock(new Date('2026-11-23T15:00:00Z')) });
    const people: [string, Role][] = [['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['ada', 'ADMINISTRATOR']];
    const tokens = await createPeopleWithTokens(stack.server.app, stack.server.url, people);
    const journey = reviewJourney(stack.server.url, tokens);
    // Two funded files, in Montréal and in Estrie, and one received in Capitale-Nationale.
    for (const [neq, region, amount] of [['1180000001', '06', 25_000_000], ['1180000002', '05', 15_000_000]] as const) {
      const id = await journey.submittedFile('pme', neq, {}, { regionCode: region });
      await journey.recommended(id, ['rev1', 'rev2'], amount);
      await journey.declare('paul', id);
      const decided = await journey.api.post(`/api/v1/applications/${id}/decision`, { outcome: 'APPROVED', amountCents: amount }, { ...journey.as('paul'), headers: { 'idempotency-key': randomUUID() } });
      expect(decided.status).toBe(201);
    }
    await journey.submittedFile('pme', '1180000003', {}, { regionCode: '03' });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  const newPage = async (): Promise<Page> => (await stack.chromium.browser.newContext({ locale: 'fr-CA' })).newPage();
  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const clean = (value: string) => value.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  /** A row's cells, `|` between them. */
  const cells = async (page: Page, selector: string) => (await page.locator(`${selector} > th, ${selector} > td`).allTextContents()).map(clean).join(' | ');
  const row = (page: Page, table: string, name: string) => cells(page, `${table} tbody tr:has(th:has-text("${name}"))`);
  const expectAccessible = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  it('shows staff the figures by region with their charts and tables, in French then English, and the CSV', async () => {
    const page = await signedInPage(stack, 'rev1@test.example');
    await page.click('header a[href="/rollout"]');
    expect(await text(page, 'h1')).toBe('Déploiement régional du Fonds');
    expect(await page.locator('figure.chart svg[role="img"]').count()).toBe(3);
    expect(await page.locator('#chart-funded svg title').first().textContent()).toBe('PME financées par région, cible de T3 (J+180 à J+270) marquée');
    expect(await page.locator('#chart-funded rect.chart-bar.funded').count()).toBe(11);
    expect(await row(page, '#regions-table', 'Montréal')).toBe('Montréal (06) | 1 — ouverte | 1 | 1 | 1 | — | 250 000 $ | 250 000 $ | 0 $ | 5 | 0 | —');
    expect(await row(page, '#regions-table', 'Capitale-Nationale')).toContain('Capitale-Nationale (03) | 2 — ouverte | 1 | 0 | 0');
    expect(await cells(page, '#regions-table tfoot tr')).toBe('Total | — | 3 | 2 | 2 | 100 | 400 000 $ | 400 000 $ | 0 $ | 10 | 0 | 200');
    expect(await text(page, 'main')).toContain('Pour atteindre la cible de T3 (J+180 à J+270), il faudrait financer 98 PME de plus');
    expect(await cells(page, '#timeline-table tbody tr:last-child')).toBe('T4 2026 | 3 | 2 | 400 000 $ | 0 $');
    await expectAccessible(page);

    const download = await Promise.all([page.waitForEvent('download'), page.click('a[href="/rollout/figures.csv"]')]).then(([file]) => file);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8').split('\r\n')[0]).toMatch(/^region_code,region_name_fr,/);

    await page.click('a.language-switch');
    expect(await text(page, 'h1')).toBe('Regional rollout of the Fund');
    expect(await page.getAttribute('html', 'lang')).toBe('en-CA');
    expect(await row(page, '#regions-table', 'Montréal')).toBe('Montréal (06) | 1 — open | 1 | 1 | 1 | — | $250,000 | $250,000 | $0 | 5 | 0 | —');
    expect(await cells(page, '#timeline-table tbody tr:last-child')).toBe('Q4 2026 | 3 | 2 | $400,000 | $0');
    await expectAccessible(page);
  });

  it('shows anyone the Fund’s progress by region without signing in, in both languages, with nothing about any person', async () => {
    const page = await newPage();
    await page.goto(`${stack.server.url}/`);
    await page.click('footer a[href="/progres"]');
    expect(await text(page, 'h1')).toBe('Progrès du Fonds Accélération');
    expect(await row(page, '#progress-table', 'Estrie')).toBe('Estrie | ouverte | 1 | 150 000 $ | 0 $ | 5 | 0');
    expect(await cells(page, '#progress-table tfoot tr')).toBe('Total |  | 2 | 400 000 $ | 0 $ | 10 | 0');
    expect(await page.locator('#chart-public-funded svg[role="img"]').count()).toBe(1);
    await expectAccessible(page);
    const everything = await page.content();
    const people = await stack.db.query<{ display_name: string; email: string }>('SELECT display_name, email FROM account');
    const addresses = await stack.db.query<{ street_address: string }>('SELECT street_address FROM organization_profile');
    const personal = [...people.flatMap((person) => [person.display_name, person.email]), ...addresses.map((address) => address.street_address)].filter((value) => value.length > 3);
    expect(personal.filter((value) => everything.includes(value))).toEqual([]);
    // A reader who only looks gets no session.
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('fa_session');

    await page.click('a.language-switch');
    expect(await text(page, 'h1')).toBe('Progress of the Acceleration Fund');
    expect(await row(page, '#progress-table', 'Estrie')).toBe('Estrie | open | 1 | $150,000 | $0 | 5 | 0');
    await expectAccessible(page);
  });

  it('lets an administrator change a regional target on the program settings page, accessible in both languages', async () => {
    const page = await signedInPage(stack, 'ada@test.example');
    await page.click('header a[href="/admin/program"]');
    expect(await text(page, 'h1')).toBe('Paramètres du programme');
    await expectAccessible(page);
    await page.fill('#setting-targets-1-region-06-smesFunded', '12');
    await page.fill('#setting-reason', 'Cible de Montréal pour T3.');
    await Promise.all([page.waitForURL(/\/admin\/program\?saved=2/), page.click('main form button[type="submit"]')]);
    expect(await text(page, '[role="status"]')).toBe('Les paramètres sont enregistrés : version 2.');
    await page.goto(`${stack.server.url}/rollout`);
    expect(await row(page, '#regions-table', 'Montréal')).toMatch(/ \| 12 \| /);
    await page.goto(`${stack.server.url}/admin/program`);
    await page.click('a.language-switch');
    expect(await text(page, 'h1')).toBe('Program settings');
    await expectAccessible(page);
  });
});
