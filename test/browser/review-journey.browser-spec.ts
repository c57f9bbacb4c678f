/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { Page } from 'playwright-core';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { bearerToken, createActiveAccount } from '../support/accounts';
import { axeViolations } from '../support/browser';
import { BrowserStack, signedInPage, startBrowserStack } from '../support/browser-stack';
import { reviewJourney } from '../support/review-journey';

const APPLICANT = 'chloe@usinage-laval.example';
const REVIEWER_1 = 'ana@iq.example';
const REVIEWER_2 = 'remi@iq.example';
const APPROVER = 'paule@iq.example';
const SCORES_1 = { AI_INNOVATION: 4, TECHNICAL_FEASIBILITY: 4, TEAM_CAPACITY: 3, ECONOMIC_IMPACT_AND_JOBS: 4, RESPONSIBLE_AI_AND_DATA: 5 };
const SCORES_2 = { AI_INNOVATION: 5, TECHNICAL_FEASIBILITY: 4, TEAM_CAPACITY: 4, ECONOMIC_IMPACT_AND_JOBS: 3, RESPONSIBLE_AI_AND_DATA: 4 };

describe('a file goes from the reviewers’ queue to the applicant’s decision letter (Chromium)', () => {
  let stack: BrowserStack;
  let fileId: string;
  let trackingNumber: string;

  beforeAll(async () => {
    stack = await startBrowserStack({ clock: new TravelClock(new Date('2026-11-23T15:00:00Z')) });
    const tokens: Record<string, string> = {};
    const people: [string, Role, string][] = [[APPLICANT, 'APPLICANT', 'Chloé Gagnon'], [REVIEWER_1, 'REVIEWER', 'Ana Lyste'], [REVIEWER_2, 'REVIEWER', 'Rémi Viseur'], [APPROVER, 'APPROVER', 'Paule Approbatrice']];
    for (const [email, role, displayName] of people) {
      await createActiveAccount(stack.server.app, { email, role, displayName });
      tokens[email] = await bearerToken(stack.server.url, email);
    }
    // The applicant's side (registration to submission) has its own journey: here the file starts submitted.
    fileId = await reviewJourney(stack.server.url, tokens).submittedFile(APPLICANT, '1176660001');
    trackingNumber = (await stack.db.query<{ tracking_number: string }>('SELECT tracking_number FROM application WHERE id = $1', [fileId]))[0].tracking_number;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const signIn = (email: string): Promise<Page> => signedInPage(stack, email);
  const expectAccessible = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
  const heading = async (page: Page) => (await page.textContent('h1'))?.trim();
  const main = async (page: Page) => ((await page.textContent('main')) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ');
  const fileUrl = () => `${stack.server.url}/review/${fileId}`;
  /** Submits the form whose action ends with `action`, and waits for the page it leads to. */
  const submit = async (page: Page, action: string) => {
    await Promise.all([page.waitForNavigation(), page.click(`form[action$="/${action}"] button[type="submit"]`)]);
  };
  const openFromQueue = async (page: Page) => {
    await page.click('header a[href="/review"]');
    expect(await heading(page)).toBe('Dossiers à analyser');
    await page.click(`a[href="/review/${fileId}"]`);
    expect(await heading(page)).toBe('Déclaration de conflit d\'intérêts');
  };
  const declareNoConflict = async (page: Page) => {
    await page.check('input[name="kind"][value="NO_CONFLICT"]');
    await submit(page, 'declaration');
    expect(page.url()).toBe(fileUrl());
  };
  const score = async (page: Page, scores: Record<string, number>) => {
    for (const [code, value] of Object.entries(scores)) await page.check(`#score-${code}-${value}`);
    await submit(page, 'review');
  };

  it('is confirmed, scored twice, recommended and approved by four people, each after declaring no conflict, on accessible pages', async () => {
    const ana = await signIn(REVIEWER_1);
    await openFromQueue(ana);
    await expectAccessible(ana);
    await ana.goBack();
    expect(await ana.textContent('tbody')).toContain(trackingNumber);
    await expectAccessible(ana);
    await ana.goForward();
    await declareNoConflict(ana);
    expect(await main(ana)).toContain('Résultat proposé : À vérifier');
    await expectAccessible(ana);

    await submit(ana, 'assignment');
    expect(await main(ana)).toContain('Ana Lyste — responsable du dossier');
    await submit(ana, 'screening-confirmation');
    expect(await ana.textContent('.error-summary')).toContain('Résultat : ce renseignement est obligatoire.');
    expect(await ana.getAttribute('.error-summary a', 'href')).toBe('#screening-outcome');
    await expectAccessible(ana);
    await ana.check('input[name="outcome"][value="ELIGIBLE"]');
    await ana.fill('#screening-reason', 'La lettre de la Caisse confirme le co-investissement de 250 000 $.');
    await submit(ana, 'screening-confirmation');
    expect(await main(ana)).toContain('État du dossier : En analyse');
    await expectAccessible(ana);
    await ana.fill('#comment-AI_INNOVATION', 'Vision par ordinateur éprouvée en usine.');
    await score(ana, SCORES_1);
    expect(await main(ana)).toContain('Évaluations reçues : 1.');
    await expectAccessible(ana);

    const remi = await signIn(REVIEWER_2);
    await openFromQueue(remi);
    await declareNoConflict(remi);
    expect(await main(remi)).not.toContain('Vision par ordinateur éprouvée en usine.');
    await expectAccessible(remi);
    await score(remi, SCORES_2);
    expect(await main(remi)).toContain('Elles suffisent pour une recommandation.');
    expect(await main(remi)).toContain('Vision par ordinateur éprouvée en usine.');
    await expectAccessible(remi);

    await ana.reload();
    expect(await main(ana)).toContain('la recommandation suggérée est : Approuver');
    expect(await ana.isChecked('input[name="kind"][value="APPROVE"]')).toBe(true);
    await expectAccessible(ana);
    await ana.fill('#recommendation-amount', '240 000');
    await ana.fill('#recommendation-reasons', 'Projet solide; 240 000 $ couvrent les cellules robotisées prévues.');
    await submit(ana, 'recommendation');
    expect(await main(ana)).toContain('État du dossier : Recommandée');
    await expectAccessible(ana);

    const paule = await signIn(APPROVER);
    await openFromQueue(paule);
    await declareNoConflict(paule);
    expect(await paule.inputValue('#decision-amount')).toBe('240000');
    await expectAccessible(paule);
    await paule.click('a.language-switch');
    expect(await heading(paule)).toBe('Inspection de la qualité par vision artificielle');
    expect(await main(paule)).toContain('Record the decision');
    expect(await paule.getAttribute('html', 'lang')).toBe('en-CA');
    await expectAccessible(paule);
    await paule.click('header a[href="/review"]');
    expect(await heading(paule)).toBe('Files to review');
    await expectAccessible(paule);
    await paule.click('a.language-switch');
    await paule.goto(fileUrl());
    await submit(paule, 'decision');
    expect(await main(paule)).toContain('Décision rendue');
    expect(await main(paule)).toContain('240 000,00 $');
    await expectAccessible(paule);
    await expect(stack.db.query('SELECT status FROM application WHERE id = $1', [fileId])).resolves.toEqual([{ status: 'APPROVED' }]);
  });

  it('shows the applicant the decision, with the letter to download and the same letter by mail', async () => {
    const chloe = await signIn(APPLICANT);
    await chloe.click('header a[href="/applications"]');
    await chloe.click(`main a[href="/applications/${fileId}"]`);
    const decision = ((await chloe.textContent('section[aria-labelledby="decision-heading"]')) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(decision).toContain('Demande approuvée');
    expect(decision).toContain('240 000,00 $');
    expect(decision).toContain('Date de la décision');
    await expectAccessible(chloe);

    const [download] = await Promise.all([chloe.waitForEvent('download'), chloe.click('text=Télécharger la lettre de décision')]);
    expect(download.suggestedFilename()).toBe(`lettre-decision-${trackingNumber}.html`);
    const letter = readFileSync((await download.path())!, 'utf8').replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(letter).toContain('une aide financière non remboursable de <strong>240 000,00 $</strong>');
    expect(letter).toContain(trackingNumber);

    const mail = await simpleParser((await stack.smtp.waitFor((received) => received.to.includes(APPLICANT) && received.raw.toString().includes('cision sur votre demande'))).raw);
    expect(mail.subject).toBe(`Décision sur votre demande ${trackingNumber} au Fonds Accélération`);
    expect(mail.text?.replace(/[\s\u00a0\u202f]+/g, ' ')).toContain('une aide financière non remboursable de 240 000,00 $');
  });
});
