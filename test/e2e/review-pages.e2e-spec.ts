import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { bearerToken, createActiveAccount } from '../support/accounts';
import { COMPLETE_CONTENT } from '../support/intake-fixtures';
import { signedInPortal } from '../support/portal-client';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const APPLICANT = 'pme@usinage.example';
const REVIEWER_1 = 'ana@iq.example';
const REVIEWER_2 = 'remi@iq.example';
const APPROVER = 'paule@iq.example';

describe('review pages', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let journey: ReturnType<typeof reviewJourney>;
  const tokens: Record<string, string> = {};
  /** The file taken through the pages, and one returned to the applicant. */
  let fileId: string;
  let returnedId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), new TravelClock(new Date('2026-11-23T15:00:00Z')));
    const people: [string, Role, string][] = [[APPLICANT, 'APPLICANT', 'Chloé Gagnon'], [REVIEWER_1, 'REVIEWER', 'Ana Lyste'], [REVIEWER_2, 'REVIEWER', 'Rémi Viseur'], [APPROVER, 'APPROVER', 'Paule Approbatrice']];
    for (const [email, role, displayName] of people) {
      await createActiveAccount(server.app, { email, role, displayName });
      tokens[email] = await bearerToken(server.url, email);
    }
    journey = reviewJourney(server.url, tokens);
    fileId = await journey.submittedFile(APPLICANT, '1175550001');
    returnedId = await journey.submittedFile(APPLICANT, '1175550002', { title: 'Jumeau numérique de l’atelier' });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const signedIn = (email: string) => signedInPortal(server.url, email);
  type Browser = Awaited<ReturnType<typeof signedIn>>;
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/[\s\u00a0\u202f]+/g, ' ');
  /** Posts a form of the file's page, with the CSRF token of the page as it is now. */
  const send = async (browser: Browser, id: string, action: string, form: Record<string, string>) => {
    const page = await browser.get(`/review/${id}`);
    return browser.post(`/review/${id}/${action}`, { _csrf: browser.csrfOf(page.html), ...form });
  };
  const statusOf = async (id: string) => (await db.query<{ status: string }>('SELECT status FROM application WHERE id = $1', [id]))[0].status;
  const scores = (values: number[]) => Object.fromEntries(['AI_INNOVATION', 'TECHNICAL_FEASIBILITY', 'TEAM_CAPACITY', 'ECONOMIC_IMPACT_AND_JOBS', 'RESPONSIBLE_AI_AND_DATA'].map((code, index) => [`score-${code}`, String(values[index])]));

  let ana: Browser;

  it('lists the submitted files for staff, filtered by a GET form, each linking to its page', async () => {
    ana = await signedIn(REVIEWER_1);
    expect((await ana.get('/')).html).toContain('<a class="button" href="/review">Ouvrir la file des dossiers à analyser</a>');
    const queue = await ana.get('/review');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<a href="/review">Dossiers à analyser</a>');
    const rows = queue.html.match(/<tbody>[\s\S]*?<\/tbody>/)![0];
    expect(rows).toContain(`href="/review/${fileId}"`);
    expect(rows).toContain(`href="/review/${returnedId}"`);
    expect(text(rows)).toContain('250 000,00 $');
    expect(text(rows)).toContain('À faire');
    expect(text((await ana.get('/review?sector=HEALTH_AI')).html)).toContain('Aucun dossier ne correspond à ces filtres.');
    expect(text((await ana.get('/review?assigned=me&region=nowhere')).html)).toContain('Aucun dossier ne correspond à ces filtres.');
    expect((await (await signedIn(APPLICANT)).get('/review')).status).toBe(403);
  });

  it('shows only the declaration form until the reviewer declares no conflict of interest', async () => {
    const before = await ana.get(`/review/${fileId}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain(`action="/review/${fileId}/declaration"`);
    expect(before.html).not.toContain(COMPLETE_CONTENT.description);
    const blank = await send(ana, fileId, 'declaration', {});
    expect(blank.status).toBe(400);
    expect(text(blank.html)).toContain('Votre déclaration : ce renseignement est obligatoire.');
    expect(blank.html).toContain('href="#declaration-kind"');
    const declared = await send(ana, fileId, 'declaration', { kind: 'NO_CONFLICT', statement: '' });
    expect([declared.status, declared.location]).toEqual([303, `/review/${fileId}`]);
    const after = await ana.get(`/review/${fileId}`);
    expect(after.html).toContain(COMPLETE_CONTENT.description);
    expect(after.html).toContain(`action="/review/${fileId}/screening-confirmation"`);
    expect(text((await ana.get('/review')).html)).toContain('Aucun conflit');
  });

  it('takes the file, confirms the screening and scores it through the pages', async () => {
    expect((await send(ana, fileId, 'assignment', {})).status).toBe(303);
    expect(text((await ana.get(`/review/${fileId}`)).html)).toContain('Ana Lyste — responsable du dossier');
    const noReason = await send(ana, fileId, 'screening-confirmation', { outcome: 'ELIGIBLE', reason: '' });
    expect([noReason.status, text(noReason.html).includes('Motif : ce renseignement est obligatoire.')]).toEqual([400, true]);
    expect(await statusOf(fileId)).toBe('SCREENED');
    expect((await send(ana, fileId, 'screening-confirmation', { outcome: 'ELIGIBLE', reason: 'La lettre de la banque confirme le co-investissement.' })).status).toBe(303);
    expect(await statusOf(fileId)).toBe('IN_REVIEW');
    const partial = await send(ana, fileId, 'review', { ...scores([4, 4, 4, 4, 4]), 'score-TEAM_CAPACITY': '' });
    expect(partial.status).toBe(400);
    expect(text(partial.html)).toMatch(/Capacité [^:]+ : ce renseignement est obligatoire\./);
    expect(partial.html).toMatch(/<input type="radio" name="score-AI_INNOVATION" value="4" id="score-AI_INNOVATION-4" checked>/);
    expect((await send(ana, fileId, 'review', { ...scores([4, 4, 4, 4, 4]), 'comment-AI_INNOVATION': 'Vision par ordinateur éprouvée.' })).status).toBe(303);
    const page = text((await ana.get(`/review/${fileId}`)).html);
    expect(page).toContain('Évaluations reçues : 1. Il en faut au moins deux avant une recommandation.');
    expect(page).toContain('Vision par ordinateur éprouvée.');
  });

  it('keeps the first reviews from a reviewer until they have scored, then offers the recommendation to a reviewer who scored', async () => {
    const remi = await signedIn(REVIEWER_2);
    await send(remi, fileId, 'declaration', { kind: 'NO_CONFLICT' });
    const before = await remi.get(`/review/${fileId}`);
    expect(before.html).not.toContain('Vision par ordinateur éprouvée.');
    expect(before.html).not.toContain(`action="/review/${fileId}/screening-confirmation"`);
    expect((await send(remi, fileId, 'review', scores([4, 4, 5, 4, 4]))).status).toBe(303);
    expect(text((await remi.get(`/review/${fileId}`)).html)).toContain('Elles suffisent pour une recommandation. Moyenne : 82 sur 100.');
    const page = await ana.get(`/review/${fileId}`);
    expect(text(page.html)).toContain('la recommandation suggérée est : Approuver');
    expect(page.html).toContain('id="recommendation-amount"');
    expect(page.html).toContain('value="250000"');
  });

  it('signs the recommendation, refusing an amount above the request at the amount field', async () => {
    const tooMuch = await send(ana, fileId, 'recommendation', { kind: 'APPROVE', amount: '300 000', reasons: 'Projet solide.' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.html).toContain('<a href="#recommendation-amount">Le montant dépasse le montant demandé par l’entreprise.</a>');
    expect(tooMuch.html).toContain('value="300 000"');
    expect((await send(ana, fileId, 'recommendation', { kind: 'APPROVE', amount: '240 000', reasons: 'Projet solide, retombées claires.' })).status).toBe(303);
    expect(await statusOf(fileId)).toBe('RECOMMENDED');
  });

  let paule: Browser;

  it('asks for the reasons of a decline at their field, in French and in English', async () => {
    paule = await signedIn(APPROVER);
    await send(paule, fileId, 'declaration', { kind: 'NO_CONFLICT' });
    const page = await paule.get(`/review/${fileId}`);
    expect(text(page.html)).toContain('Projet solide, retombées claires.');
    expect(page.html).toContain('value="240000"');
    const requestKey = page.html.match(/name="requestKey" value="([0-9a-f-]{36})"/)![1];
    const french = await paule.post(`/review/${fileId}/decision`, { _csrf: paule.csrfOf(page.html), requestKey, outcome: 'DECLINED', amount: '', reasons: '' });
    expect(french.status).toBe(400);
    expect(french.html).toContain('<p class="field-error" id="decision-reasons-error">Motifs : ce renseignement est obligatoire.</p>');
    expect(french.html).toContain('<a href="#decision-reasons">');
    await paule.get(`/language/en?next=%2Freview%2F${fileId}`);
    const english = await paule.post(`/review/${fileId}/decision`, { _csrf: paule.csrfOf(page.html), requestKey, outcome: 'DECLINED', amount: '', reasons: '' });
    expect(english.status).toBe(400);
    expect(english.html).toContain('<p class="field-error" id="decision-reasons-error">Reasons: this is required.</p>');
    expect(english.html).toContain('<html lang="en-CA">');
    await paule.get('/language/fr?next=%2F');
    await expect(db.query('SELECT id FROM decision')).resolves.toEqual([]);
  });

  it('takes one decision when the same decision form is sent twice', async () => {
    const page = await paule.get(`/review/${fileId}`);
    const form = { _csrf: paule.csrfOf(page.html), requestKey: page.html.match(/name="requestKey" value="([0-9a-f-]{36})"/)![1], outcome: 'APPROVED', amount: '240 000,00', reasons: '' };
    // A double click: the same form, sent twice at once.
    const [first, second] = await Promise.all([paule.post(`/review/${fileId}/decision`, form), paule.post(`/review/${fileId}/decision`, form)]);
    expect([first.status, first.location, second.status, second.location]).toEqual([303, `/review/${fileId}`, 303, `/review/${fileId}`]);
    await expect(db.query('SELECT outcome, amount_cents FROM decision')).resolves.toEqual([{ outcome: 'APPROVED', amount_cents: '24000000' }]);
    await expect(db.query("SELECT count(*)::int AS n FROM ledger_command WHERE idempotency_key LIKE 'approval:%'")).resolves.toEqual([{ n: 1 }]);
    const decided = text((await paule.get(`/review/${fileId}`)).html);
    expect(decided).toContain('Décision rendue');
    expect(decided).toContain('240 000,00 $');
    const another = await paule.post(`/review/${fileId}/decision`, { ...form, requestKey: '0b8c1f7e-0000-4000-8000-000000000001' });
    expect(another.status).toBe(409);
    expect(text(another.html)).toContain('Cette opération n\'est pas possible à l\'étape actuelle du dossier.');
  });

  it('shows the applicant the decision and lets them download the letter in the page’s language', async () => {
    const chloe = await signedIn(APPLICANT);
    const overview = await chloe.get(`/applications/${fileId}`);
    const decision = text(overview.html.match(/<section aria-labelledby="decision-heading"[\s\S]*?<\/section>/)![0]);
    expect(decision).toContain('Demande approuvée');
    expect(decision).toContain('Aide financière accordée 240 000,00 $');
    expect(overview.html).toContain(`<a href="/applications/${fileId}/decision/letter" download>Télécharger la lettre de décision</a>`);
    const letter = await chloe.get(`/applications/${fileId}/decision/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-disposition')).toMatch(/^attachment; filename="lettre-decision-FA-2026-\d{6}\.html"/);
    expect(text(letter.html)).toContain('une aide financière non remboursable de 240 000,00 $');
    await chloe.get('/language/en?next=%2F');
    const english = await chloe.get(`/applications/${fileId}/decision/letter`);
    expect(english.headers.get('content-disposition')).toMatch(/^attachment; filename="decision-letter-FA-2026-\d{6}\.html"/);
    expect(text(english.html)).toContain('$240,000.00');
    expect((await paule.get(`/applications/${fileId}/decision/letter`)).status).toBe(200);
    // Staff read a letter like the file itself: after declaring no conflict with it.
    expect((await (await signedIn(REVIEWER_2)).get(`/applications/${returnedId}/decision/letter`)).status).toBe(403);
  });

  it('returns a file to the applicant with the reviewer’s comments, which the overview shows', async () => {
    await send(ana, returnedId, 'declaration', { kind: 'NO_CONFLICT' });
    const empty = await send(ana, returnedId, 'changes-request', { comments: ' ' });
    expect([empty.status, text(empty.html).includes('Modifications demandées : ce renseignement est obligatoire.')]).toEqual([400, true]);
    expect((await send(ana, returnedId, 'changes-request', { comments: 'Joignez la lettre d’engagement de la banque.' })).status).toBe(303);
    const overview = text((await (await signedIn(APPLICANT)).get(`/applications/${returnedId}`)).html);
    expect(overview).toContain('Modifications demandées par un analyste');
    expect(overview).toContain('Joignez la lettre d’engagement de la banque.');
  });

  it('closes the file to a reviewer who recused, and says so', async () => {
    const remi = await signedIn(REVIEWER_2);
    expect((await send(remi, returnedId, 'declaration', { kind: 'RECUSED', statement: 'Ma sœur y travaille.' })).status).toBe(303);
    const page = await remi.get(`/review/${returnedId}`);
    expect(text(page.html)).toContain('Vous vous êtes récusé de ce dossier le');
    expect(page.html).not.toContain(COMPLETE_CONTENT.description);
    // A recusal is final: no declaration form, and a declaration sent anyway is refused.
    expect(page.html).not.toContain(`action="/review/${returnedId}/declaration"`);
    expect((await send(remi, returnedId, 'declaration', { kind: 'NO_CONFLICT' })).status).toBe(403);
    const refused = await remi.post(`/review/${returnedId}/changes-request`, { _csrf: remi.csrfOf(page.html), comments: 'Encore.' });
    expect(refused.status).toBe(403);
    expect(text(refused.html)).toContain('Vous vous êtes récusé pour ce dossier : il ne vous est plus accessible.');
  });
});
