/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { Page } from 'playwright-core';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { bearerToken, createActiveAccount } from '../support/accounts';
import { axeViolations } from '../support/browser';
import { BrowserStack, signedInPage, startBrowserStack } from '../support/browser-stack';
import { pdfBytes } from '../support/files';
import { csvRecords } from '../support/csv';
import { reviewJourney } from '../support/review-journey';

const APPLICANT = 'chloe@usinage-laval.example';
const REVIEWER_1 = 'ana@iq.example';
const REVIEWER_2 = 'remi@iq.example';
const SIGNER = 'paule@iq.example';
const RELEASER = 'julie@iq.example';
const AUDITOR = 'aude@iq.example';

describe('a milestone report goes from the enterprise to a payment order, the payment file and the ledger’s export (Chromium)', () => {
  let stack: BrowserStack;
  let fileId: string;
  let agreementId: string;
  let trackingNumber: string;

  beforeAll(async () => {
    stack = await startBrowserStack({ clock: new TravelClock(new Date('2026-11-23T15:00:00Z')) });
    const tokens: Record<string, string> = {};
    const people: [string, Role, string][] = [
      [APPLICANT, 'APPLICANT', 'Chloé Gagnon'], [REVIEWER_1, 'REVIEWER', 'Ana Lyste'], [REVIEWER_2, 'REVIEWER', 'Rémi Viseur'], [SIGNER, 'APPROVER', 'Paule Approbatrice'],
      [RELEASER, 'APPROVER', 'Julie Payeur'], [AUDITOR, 'AUDITOR', 'Aude Itrice'],
    ];
    for (const [email, role, displayName] of people) {
      await createActiveAccount(stack.server.app, { email, role, displayName });
      tokens[email] = await bearerToken(stack.server.url, email);
    }
    // Review, decision, agreement, acceptance and signature have their own tests: here the agreement starts signed.
    const journey = reviewJourney(stack.server.url, tokens);
    const call = async (who: string, path: string, status: number, headers?: Record<string, string>) => {
      const response = await journey.api.post(path, path.endsWith('/decision') ? { outcome: 'APPROVED', amountCents: 25_000_000 } : {}, { ...journey.as(who), headers });
      if (response.status !== status) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    };
    fileId = await journey.submittedFile(APPLICANT, '1177770001');
    await journey.recommended(fileId, [REVIEWER_1, REVIEWER_2]);
    await journey.declare(SIGNER, fileId);
    await call(SIGNER, `/api/v1/applications/${fileId}/decision`, 201, { 'idempotency-key': randomUUID() });
    agreementId = (await call(SIGNER, `/api/v1/applications/${fileId}/agreement`, 201)).id as string;
    await call(APPLICANT, `/api/v1/agreements/${agreementId}/acceptance`, 200);
    await call(SIGNER, `/api/v1/agreements/${agreementId}/signature`, 200);
    trackingNumber = (await stack.db.query<{ tracking_number: string }>('SELECT tracking_number FROM application WHERE id = $1', [fileId]))[0].tracking_number;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const signIn = (email: string): Promise<Page> => signedInPage(stack, email);
  const expectAccessible = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
  const heading = async (page: Page) => (await page.textContent('h1'))?.trim();
  const main = async (page: Page) => ((await page.textContent('main')) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ');
  const figure = async (page: Page, name: string) => ((await page.textContent(`[data-figure="${name}"]`)) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ');
  const agreementUrl = () => `${stack.server.url}/agreements/${agreementId}`;
  /** Submits the form whose action ends with `action`, and waits for the page it leads to. */
  const submit = async (page: Page, action: string) => {
    await Promise.all([page.waitForNavigation(), page.click(`form[action$="/${action}"] button[type="submit"]`)]);
  };
  const openFromList = async (page: Page, checkList = false) => {
    await page.click('header a[href="/agreements"]');
    expect(await heading(page)).toBe('Conventions d\'aide financière');
    if (checkList) await expectAccessible(page);
    await page.click(`main a[href="/agreements/${agreementId}"]`);
  };

  it('has the enterprise upload evidence and file a milestone report, on accessible pages', async () => {
    const chloe = await signIn(APPLICANT);
    await openFromList(chloe, true);
    expect(await heading(chloe)).toBe('Convention d\'aide financière');
    expect(await main(chloe)).toContain('État de la convention : Signée');
    await expectAccessible(chloe);

    await chloe.setInputFiles('#evidence-file', { name: 'factures-2027.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes()) });
    await submit(chloe, 'evidence');
    expect(await chloe.textContent('#evidence-files')).toContain('factures-2027.pdf');

    await chloe.selectOption('#report-milestone', '1');
    await chloe.fill('#report-progress', 'Cellule robotisée en production sur la ligne 1; inspection par vision en service.');
    await chloe.fill('#report-aiJobs', '2');
    await chloe.fill('#report-privateSpent', 'deux cent mille');
    await chloe.check('label:has-text("factures-2027.pdf") input[type="checkbox"]');
    await submit(chloe, 'reports');
    expect(await chloe.textContent('.error-summary')).toContain('Dépenses privées à ce jour : écrivez un montant en dollars, par exemple 250 000,00.');
    expect(await chloe.getAttribute('.error-summary a', 'href')).toBe('#report-privateSpent');
    expect(await chloe.isChecked('label:has-text("factures-2027.pdf") input[type="checkbox"]')).toBe(true);
    await expectAccessible(chloe);
    await chloe.fill('#report-privateSpent', '250 000');
    await submit(chloe, 'reports');
    expect(await main(chloe)).toContain('Rapport du jalon 1 : Pilote sur une ligne — en attente d\'examen');
    expect(await main(chloe)).toContain('250 000,00 $');
    await expectAccessible(chloe);
  });

  it('has a reviewer accept the report with the evidence in view', async () => {
    const ana = await signIn(REVIEWER_1);
    await openFromList(ana);
    expect(await main(ana)).toContain('factures-2027.pdf');
    await expectAccessible(ana);
    await ana.check('input[name="outcome"][value="ACCEPTED"]');
    await ana.fill('textarea[name="comments"]', 'Factures conformes au budget.');
    await submit(ana, 'review');
    expect(await main(ana)).toContain('Rapport du jalon 1 : Pilote sur une ligne — accepté');
    expect(await figure(ana, 'private-spent')).toBe('250 000,00 $');
    await expectAccessible(ana);
  });

  it('has another approver declare no conflict, then release the first tranche, in French and English pages', async () => {
    const julie = await signIn(RELEASER);
    await openFromList(julie);
    expect(await heading(julie)).toBe('Déclaration requise');
    await expectAccessible(julie);
    await julie.click(`main a[href="/review/${fileId}"]`);
    await julie.check('input[name="kind"][value="NO_CONFLICT"]');
    await submit(julie, 'declaration');
    await julie.click(`main a[href="/agreements/${agreementId}"]`);
    expect(julie.url()).toBe(agreementUrl());
    await expectAccessible(julie);

    await julie.click('a.language-switch');
    expect(await heading(julie)).toBe('Funding agreement');
    expect(await julie.getAttribute('html', 'lang')).toBe('en-CA');
    expect(await main(julie)).toContain('Release payment 1 ($100,000.00)');
    await expectAccessible(julie);
    await julie.click('a.language-switch');

    await Promise.all([julie.waitForNavigation(), julie.click('#release-1')]);
    expect(await julie.textContent('td[data-tranche-status="RELEASED"]')).toBe('Libéré (ordre de paiement émis)');
    expect(await figure(julie, 'paid')).toBe('100 000,00 $');
    await expectAccessible(julie);
    await expect(stack.db.query('SELECT tranche_number, amount_cents FROM payment_order')).resolves.toEqual([{ tranche_number: 1, amount_cents: '10000000' }]);
    // Approvers confirm payments on the orders' page: its forms are checked here, the auditor sees none.
    await julie.click('header a[href="/payment-orders"]');
    expect(await julie.locator('main form[action$="/paid"]').count()).toBe(1);
    await expectAccessible(julie);
  });

  it('lets an auditor read the agreement and its copy, the overdue reports, and download the payment file', async () => {
    const aude = await signIn(AUDITOR);
    await openFromList(aude);
    expect(await aude.locator('main form[method="post"]').count()).toBe(0);
    await aude.click(`a[href="/agreements/${agreementId}/copy"]`);
    expect(await heading(aude)).toBe(`Convention d'aide financière — dossier ${trackingNumber}`);
    await expectAccessible(aude);
    await aude.goto(`${stack.server.url}/milestones/overdue`);
    expect(await heading(aude)).toBe('Rapports d\'étape en retard');
    await expectAccessible(aude);

    await aude.click('header a[href="/payment-orders"]');
    expect(await heading(aude)).toBe('Ordres de paiement');
    expect(await aude.locator('main form[method="post"]').count()).toBe(0);
    await expectAccessible(aude);
    // Finance's payment file: the auditor reads it too (the ledger's export is the next step).
    const [download] = await Promise.all([aude.waitForEvent('download'), aude.click('text=Télécharger le fichier de paiement (CSV)')]);
    expect(download.suggestedFilename()).toBe('ordres-de-paiement-tous.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('order_number,order_id,status,payee_name,payee_neq,tracking_number,tranche,amount,currency,issued_at,settled_at,settlement_reference');
    expect(csv[1]).toMatch(new RegExp(`,ISSUED,Usinage 1177770001 inc\\.,1177770001,${trackingNumber},1,100000\\.00,CAD,`));
  });

  it('lets an auditor download the ledger’s CSV export, find the tranche just released in it, and check its SHA-256 against the manifest the portal shows', async () => {
    const aude = await signIn(AUDITOR);
    await aude.click('header a[href="/ledger"]');
    expect(await heading(aude)).toBe('Grand livre de l\'enveloppe');
    expect(await aude.locator('main form[method="post"]').count()).toBe(0);
    expect(await aude.locator(`table[data-ledger-entries] tr[data-entry-type="DISBURSEMENT"]`).count()).toBe(1);
    await expectAccessible(aude);

    const [download] = await Promise.all([aude.waitForEvent('download'), aude.click('main a[data-export-format="csv"]')]);
    expect(download.suggestedFilename()).toMatch(/^ledger-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    const records = csvRecords(bytes.toString('utf8'));
    const disbursements = records.filter((record) => record.entry_type === 'DISBURSEMENT');
    expect(disbursements).toEqual([expect.objectContaining({ grant_id: fileId, amount_cents: '10000000', debit_account: `DISBURSED:${fileId}`, credit_account: `COMMITTED:${fileId}` })]);
    const [released] = await stack.db.query<{ position: string }>("SELECT position::text AS position FROM ledger_entry WHERE entry_type = 'DISBURSEMENT' AND grant_id = $1", [fileId]);
    expect(disbursements[0].position).toBe(released.position);

    // The manifest was stored before the download ended: the ledger page lists it, newest first, and its page shows the file's SHA-256.
    await aude.reload();
    await aude.click('table[data-recent-exports] tbody tr:first-child a');
    expect(await heading(aude)).toBe(`Manifeste de l'exportation ${download.suggestedFilename()}`);
    expect((await aude.textContent('[data-manifest="sha256"]'))?.trim()).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await aude.textContent('[data-manifest="rowCount"]'))?.trim()).toBe(String(records.length));
    await expectAccessible(aude);

    await aude.click('a.language-switch');
    expect(await heading(aude)).toBe(`Manifest of export ${download.suggestedFilename()}`);
    await expectAccessible(aude);
    await aude.click('main a[href="/ledger"]');
    expect(await heading(aude)).toBe('Envelope ledger');
    await expectAccessible(aude);
    await aude.click('a.language-switch');

    // The filter form: a wrong grant id says what to fix; the right one lists that grant's entries only.
    await aude.fill('#grant', 'abc');
    await Promise.all([aude.waitForNavigation(), aude.click('form[action="/ledger"] button[type="submit"]')]);
    expect(await aude.textContent('.error-summary')).toContain('Subvention (identifiant) : écrivez l\'identifiant complet de la subvention');
    await expectAccessible(aude);
    await aude.fill('#grant', fileId);
    await Promise.all([aude.waitForNavigation(), aude.click('form[action="/ledger"] button[type="submit"]')]);
    expect(await aude.locator('table[data-ledger-entries] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-entry-type')))).toEqual(['COMMITMENT', 'DISBURSEMENT']);
    expect(await aude.getAttribute('main a[data-export-format="csv"]', 'href')).toBe(`/ledger/export?format=csv&grant=${fileId}`);

    await aude.click('main a[href="/ledger/verification"]');
    expect(await aude.getAttribute('[data-ledger-status]', 'data-ledger-status')).toBe('valid');
    await expectAccessible(aude);
    await aude.click('header a[href="/admin/audit"]');
    expect(await aude.locator('main a[data-export-format]').count()).toBe(3);
    await expectAccessible(aude);
  });
});
