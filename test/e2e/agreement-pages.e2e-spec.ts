import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { TravelClock } from '@fa/shared';
import { bearerToken, createActiveAccount } from '../support/accounts';
import { HTML_AS_PDF, pdfBytes } from '../support/files';
import { signedInPortal } from '../support/portal-client';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const APPLICANT = 'pme@usinage.example';
const OTHER_APPLICANT = 'autre@concurrent.example';
const REVIEWER_1 = 'ana@iq.example';
const REVIEWER_2 = 'remi@iq.example';
const DECIDER = 'paule@iq.example';
const RELEASER = 'julie@iq.example';
const UNDECLARED_APPROVER = 'marc@iq.example';
const FINANCE = 'finance@iq.example';
const AUDITOR = 'aude@iq.example';

describe('agreement pages', () => {
  let db: TestDatabase;
  let server: RunningServer;
  const clock = new TravelClock(new Date('2026-11-23T15:00:00Z'));
  const tokens: Record<string, string> = {};
  let fileId: string;
  let agreementId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url), clock);
    const people: [string, Role, string][] = [
      [APPLICANT, 'APPLICANT', 'Chloé Gagnon'], [OTHER_APPLICANT, 'APPLICANT', 'Olivier Autre'], [REVIEWER_1, 'REVIEWER', 'Ana Lyste'], [REVIEWER_2, 'REVIEWER', 'Rémi Viseur'],
      [DECIDER, 'APPROVER', 'Paule Approbatrice'], [RELEASER, 'APPROVER', 'Julie Payeur'], [UNDECLARED_APPROVER, 'APPROVER', 'Marc Nouveau'], [FINANCE, 'ADMINISTRATOR', 'Fanny Finances'],
      [AUDITOR, 'AUDITOR', 'Aude Itrice'],
    ];
    for (const [email, role, displayName] of people) {
      await createActiveAccount(server.app, { email, role, displayName });
      tokens[email] = await bearerToken(server.url, email);
    }
    // The review is the review pages' test: here the file starts approved for 250 000 $.
    const journey = reviewJourney(server.url, tokens);
    fileId = await journey.submittedFile(APPLICANT, '1178880001');
    await journey.recommended(fileId, [REVIEWER_1, REVIEWER_2]);
    for (const approver of [DECIDER, RELEASER]) await journey.declare(approver, fileId);
    const decided = await journey.api.post(`/api/v1/applications/${fileId}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, { ...journey.as(DECIDER), headers: { 'idempotency-key': randomUUID() } });
    expect(decided.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const signedIn = (email: string) => signedInPortal(server.url, email);
  type Browser = Awaited<ReturnType<typeof signedIn>>;
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/[\s\u00a0\u202f]+/g, ' ');
  const page = () => `/agreements/${agreementId}`;
  /** Posts a form of the agreement's page with the page's CSRF token (and its request key, for money-moving forms). */
  const send = async (browser: Browser, action: string, form: Record<string, string>) => {
    const current = await browser.get(page());
    return browser.post(`${page()}/${action}`, { _csrf: browser.csrfOf(current.html), ...form });
  };
  const requestKeyOf = (html: string, action: string) => new RegExp(`action="[^"]*/${action}"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+">\\s*<input type="hidden" name="requestKey" value="([0-9a-f-]{36})"`).exec(html)![1];
  /** The multipart evidence form, as the browser sends it: the CSRF token first, then the file. */
  const uploadEvidence = async (browser: Browser, name: string, bytes: Uint8Array<ArrayBuffer> = pdfBytes()) => {
    const current = await browser.get(page());
    const form = new FormData();
    form.append('_csrf', browser.csrfOf(current.html));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const cookie = [...browser.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
    const response = await fetch(`${server.url}${page()}/evidence`, { method: 'POST', redirect: 'manual', headers: { cookie, accept: 'text/html' }, body: form });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  };
  const evidenceIds = async () => (await db.query<{ id: string }>("SELECT id FROM application_attachment WHERE application_id = $1 AND category = 'MILESTONE_EVIDENCE' ORDER BY uploaded_at", [fileId])).map((row) => row.id);
  /** The `<form>`s that change something: every page has the sign-out form, which does not count. */
  const changingForms = (html: string) => (html.match(/<form method="post" action="[^"]+"/g) ?? []).filter((form) => !form.includes('/logout'));

  it('lets the approver prepare the agreement from the approved file, then shows its terms', async () => {
    const paule = await signedIn(DECIDER);
    const file = await paule.get(`/review/${fileId}`);
    expect(file.html).toContain(`action="/review/${fileId}/agreement"`);
    expect(text(file.html)).toContain('Préparer la convention');
    const prepared = await paule.post(`/review/${fileId}/agreement`, { _csrf: paule.csrfOf(file.html) });
    expect(prepared.status).toBe(303);
    agreementId = /^\/agreements\/([0-9a-f-]{36})$/.exec(prepared.location ?? '')![1];
    // A second click finds the agreement made.
    await expect(paule.post(`/review/${fileId}/agreement`, { _csrf: paule.csrfOf(file.html) })).resolves.toMatchObject({ status: 303, location: page() });
    expect((await paule.get(`/review/${fileId}`)).html).toContain(`<a href="${page()}">Ouvrir la convention</a>`);

    const terms = text((await paule.get(page())).html);
    expect(terms).toContain('État de la convention : Offerte à l\'entreprise');
    expect(terms).toContain('Usinage 1178880001 inc. (NEQ 1178880001)');
    expect(terms).toContain('Montant de l\'aide financière 250 000,00 $');
    expect(terms).toMatch(/1 40 % 100 000,00 \$ Signature de la convention En attente 2 40 % 100 000,00 \$ Acceptation du rapport du jalon 1 En attente 3 20 % 50 000,00 \$ Acceptation du rapport du jalon 2 En attente/);
    expect(terms).toContain('selon le ratio 1:1');
    expect(terms).toContain('Pilote sur une ligne');
    const copy = await paule.get(`${page()}/copy`);
    expect([copy.status, text(copy.html).includes('Convention d\'aide financière — dossier FA-2026-')]).toEqual([200, true]);
  });

  it('sends an approver who has not declared on the file to its declaration, and hides the agreement from another enterprise', async () => {
    const marc = await signedIn(UNDECLARED_APPROVER);
    const undeclared = await marc.get(page());
    expect(undeclared.status).toBe(200);
    expect(text(undeclared.html)).toContain('Déclaration requise');
    expect(undeclared.html).toContain(`<a href="/review/${fileId}">Faire la déclaration dans le dossier</a>`);
    expect(undeclared.html).not.toContain('250 000,00');

    const other = await signedIn(OTHER_APPLICANT);
    expect((await other.get(page())).status).toBe(404);
    expect((await other.get(`${page()}/copy`)).status).toBe(404);
    expect((await other.get('/agreements')).html).not.toContain(page());
  });

  it('has the enterprise accept the offer, and an approver sign it', async () => {
    const chloe = await signedIn(APPLICANT);
    expect((await chloe.get('/agreements')).html).toContain(`href="${page()}"`);
    expect((await chloe.get(`/applications/${fileId}`)).html).toContain(`<a href="${page()}">Voir la convention d&#x27;aide financière (Offerte à l&#x27;entreprise)</a>`);
    const offer = await chloe.get(page());
    expect(offer.html).toContain(`action="${page()}/acceptance"`);
    expect(offer.html).not.toContain(`action="${page()}/signature"`);
    await expect(send(chloe, 'acceptance', {})).resolves.toMatchObject({ status: 303, location: page() });
    expect(text((await chloe.get(page())).html)).toContain('État de la convention : Acceptée par l\'entreprise');
    // The form sent a second time (a double click) finds the offer accepted: it answers as the first did.
    const again = await chloe.post(`${page()}/acceptance`, { _csrf: chloe.csrfOf(offer.html) });
    expect([again.status, again.location]).toEqual([303, page()]);
    await expect(db.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'agreement.accepted'")).resolves.toEqual([{ n: 1 }]);

    const julie = await signedIn(RELEASER);
    await expect(send(julie, 'signature', {})).resolves.toMatchObject({ status: 303, location: page() });
    const signed = await julie.get(page());
    expect(text(signed.html)).toContain('État de la convention : Signée');
    expect(signed.html).toContain('<td data-tranche-status="RELEASABLE">Peut être libéré</td>');
    await expect(db.query('SELECT status FROM application WHERE id = $1', [fileId])).resolves.toEqual([{ status: 'AGREEMENT_SIGNED' }]);
  });

  it('refuses the first release while no private spending is accepted, saying how much is missing', async () => {
    const julie = await signedIn(RELEASER);
    const before = await julie.get(page());
    const refused = await julie.post(`${page()}/tranches/1/release`, { _csrf: julie.csrfOf(before.html), requestKey: requestKeyOf(before.html, 'tranches/1/release') });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('<a href="#release-1">Versement refusé : après ce versement, l&#x27;aide versée atteindrait 100');
    expect(text(refused.html)).toContain('Il manque 100 000,00 $ de dépenses privées déclarées et acceptées.');
    await expect(db.query('SELECT id FROM payment_order')).resolves.toEqual([]);
  });

  it('shows staff the reports overdue, with the notices sent', async () => {
    clock.travelTo(new Date('2027-05-03T15:00:00Z'));
    try {
      const overdue = await (await signedIn(REVIEWER_1)).get('/milestones/overdue');
      expect(overdue.status).toBe(200);
      expect(text(overdue.html)).toMatch(/FA-2026-\d{6} — Inspection de la qualité par vision artificielle Usinage 1178880001 inc\. Jalon 1 : Pilote sur une ligne 30 avril 2027 Non envoyé Non envoyé/);
      expect((await (await signedIn(APPLICANT)).get('/milestones/overdue')).status).toBe(403);
    } finally {
      clock.travelTo(new Date('2026-11-23T15:00:00Z'));
    }
  });

  it('files a milestone report with evidence, naming a wrong amount at its field in French and in English', async () => {
    const chloe = await signedIn(APPLICANT);
    const impostor = await uploadEvidence(chloe, 'facture.pdf', HTML_AS_PDF);
    expect(impostor.status).toBeGreaterThanOrEqual(400);
    expect(impostor.html).toContain('<a href="#evidence-file">');
    await expect(uploadEvidence(chloe, 'factures-2027.pdf')).resolves.toMatchObject({ status: 303, location: `${page()}#evidence` });
    const [invoice] = await evidenceIds();
    const form = await chloe.get(page());
    expect(form.html).toContain(`<input type="checkbox" id="report-evidence-1" name="evidence" value="${invoice}">`);
    const report = { milestone: '1', progress: 'Cellule robotisée en production sur la ligne 1.', aiJobs: '2', privateSpent: 'beaucoup', evidence: invoice };
    const french = await send(chloe, 'reports', report);
    expect(french.status).toBe(400);
    expect(french.html).toContain('<a href="#report-privateSpent">Dépenses privées à ce jour : écrivez un montant en dollars, par exemple 250 000,00.</a>');
    expect(french.html).toContain('<p class="field-error" id="report-privateSpent-error">');
    expect(french.html).toContain('Cellule robotisée en production sur la ligne 1.</textarea>');
    expect(french.html).toContain(`value="${invoice}" checked>`);
    await chloe.get(`/language/en?next=${encodeURIComponent(page())}`);
    const english = await send(chloe, 'reports', report);
    expect(english.status).toBe(400);
    expect(english.html).toContain('<a href="#report-privateSpent">Private spending to date: write an amount in dollars, for example 250,000.00.</a>');
    expect(english.html).toContain('<html lang="en-CA">');
    await chloe.get('/language/fr?next=%2F');
    await expect(db.query('SELECT id FROM milestone_report')).resolves.toEqual([]);

    await expect(send(chloe, 'reports', { ...report, privateSpent: '99 999,99' })).resolves.toMatchObject({ status: 303, location: `${page()}#reports` });
    const filed = text((await chloe.get(page())).html);
    expect(filed).toContain('Rapport du jalon 1 : Pilote sur une ligne — en attente d\'examen');
    expect(filed).toContain('Dépenses privées à ce jour 99 999,99 $');
    expect(filed).toContain('factures-2027.pdf');
    // Milestones are reported in order: while the first one's report awaits review, none is offered, and the second is refused at its field.
    expect(filed).toContain('Aucun jalon n\'attend de rapport');
    const early = await send(chloe, 'reports', { ...report, milestone: '2', privateSpent: '1' });
    expect([early.status, text(early.html).includes('Le rapport du jalon 1 doit d’abord être accepté.')]).toEqual([409, true]);
    const download = await chloe.get(`${page()}/evidence/${invoice}`);
    expect([download.status, download.headers.get('content-disposition')]).toEqual([200, expect.stringMatching(/^attachment; filename="factures-2027.pdf"/)]);
  });

  it('has a reviewer accept the report, after which the gate refuses the release for one cent', async () => {
    const ana = await signedIn(REVIEWER_1);
    const reportId = (await db.query<{ id: string }>('SELECT id FROM milestone_report'))[0].id;
    const review = await ana.get(page());
    expect(review.html).toContain(`action="${page()}/reports/${reportId}/review"`);
    expect(text(review.html)).toContain('factures-2027.pdf');
    expect((await ana.get(`${page()}/evidence/${(await evidenceIds())[0]}`)).status).toBe(200);
    const unexplained = await ana.post(`${page()}/reports/${reportId}/review`, { _csrf: ana.csrfOf(review.html), outcome: 'RETURNED', comments: '' });
    expect(unexplained.status).toBe(400);
    expect(unexplained.html).toContain('<a href="#review-m1-comments">Commentaires : ce renseignement est obligatoire.</a>');
    await expect(ana.post(`${page()}/reports/${reportId}/review`, { _csrf: ana.csrfOf(review.html), outcome: 'ACCEPTED', comments: '' })).resolves.toMatchObject({ status: 303 });
    const accepted = text((await ana.get(page())).html);
    expect(accepted).toContain('Rapport du jalon 1 : Pilote sur une ligne — accepté');
    expect(accepted).toContain('Dépenses privées acceptées à ce jour 99 999,99 $');

    const julie = await signedIn(RELEASER);
    const before = await julie.get(page());
    const refused = await julie.post(`${page()}/tranches/1/release`, { _csrf: julie.csrfOf(before.html), requestKey: requestKeyOf(before.html, 'tranches/1/release') });
    expect(refused.status).toBe(409);
    expect(text(refused.html)).toContain('Il manque 0,01 $ de dépenses privées déclarées et acceptées.');
    expect(refused.html).toContain('<p class="field-error" id="release-1-error">');
  });

  it('releases the tranche once the spending is covered, once for a form sent twice', async () => {
    const chloe = await signedIn(APPLICANT);
    await expect(send(chloe, 'reports', { milestone: '2', progress: 'Déploiement sur toutes les lignes.', aiJobs: '4', privateSpent: '250 000' })).resolves.toMatchObject({ status: 303 });
    const remi = await signedIn(REVIEWER_2);
    const reportId = (await db.query<{ id: string }>('SELECT id FROM milestone_report WHERE milestone_number = 2'))[0].id;
    await expect(send(remi, `reports/${reportId}/review`, { outcome: 'ACCEPTED' })).resolves.toMatchObject({ status: 303 });

    const julie = await signedIn(RELEASER);
    const before = await julie.get(page());
    const form = { _csrf: julie.csrfOf(before.html), requestKey: requestKeyOf(before.html, 'tranches/1/release') };
    const [first, second] = await Promise.all([julie.post(`${page()}/tranches/1/release`, form), julie.post(`${page()}/tranches/1/release`, form)]);
    expect([first.status, first.location, second.status]).toEqual([303, `${page()}#tranches`, 303]);
    await expect(db.query('SELECT tranche_number, amount_cents, status FROM payment_order')).resolves.toEqual([{ tranche_number: 1, amount_cents: '10000000', status: 'ISSUED' }]);
    const after = text((await julie.get(page())).html);
    expect(after).toContain('Aide versée à ce jour 100 000,00 $');
    expect(after).toContain('Libéré (ordre de paiement émis)');
  });

  it('lists payment orders with the payment file, and confirms a payment with its reference', async () => {
    const fanny = await signedIn(FINANCE);
    const list = await fanny.get('/payment-orders');
    expect(list.status).toBe(200);
    expect(list.html).toContain('<a href="/payment-orders/payment-file" download>Télécharger le fichier de paiement (CSV)</a>');
    const orderId = (await db.query<{ id: string; number: string }>('SELECT id, number FROM payment_order'))[0];
    const file = await fanny.get('/payment-orders/payment-file');
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="ordres-de-paiement-tous.csv"/);
    expect(file.html.split('\r\n')[1]).toMatch(new RegExp(`^${orderId.number},${orderId.id},ISSUED,Usinage 1178880001 inc\\.,1178880001,FA-2026-\\d{6},1,100000\\.00,CAD,`));

    // While finance has not settled the order, the approver is told amendments wait for it instead of being offered forms the domain refuses.
    const julie = await (await signedIn(RELEASER)).get(page());
    expect(text(julie.html)).toContain('Un ordre de paiement de cette convention attend la confirmation des finances.');
    expect(julie.html).not.toContain(`action="${page()}/reduction"`);
    // A form posted without a body (the CSRF token in its header) reads as an empty form: what is missing, not a crash.
    const cookie = [...fanny.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
    const empty = await fetch(`${server.url}/payment-orders/${orderId.id}/paid`, { method: 'POST', redirect: 'manual', headers: { cookie, accept: 'text/html', 'x-csrf-token': fanny.csrfOf(list.html) } });
    expect(empty.status).toBe(400);
    const prefix = `paid-${orderId.id}`;
    const blank = await fanny.post(`/payment-orders/${orderId.id}/paid`, { _csrf: fanny.csrfOf(list.html), reference: '' });
    expect(blank.status).toBe(400);
    expect(blank.html).toContain(`<a href="#${prefix}-reference">Référence du paiement : ce renseignement est obligatoire.</a>`);
    await expect(fanny.post(`/payment-orders/${orderId.id}/paid`, { _csrf: fanny.csrfOf(list.html), reference: 'VIR-2026-0042' })).resolves.toMatchObject({ status: 303, location: '/payment-orders' });
    // The same form sent again finds the order paid: it answers as the first did, and nothing changes.
    await expect(fanny.post(`/payment-orders/${orderId.id}/paid`, { _csrf: fanny.csrfOf(list.html), reference: 'VIR-2026-0042' })).resolves.toMatchObject({ status: 303, location: '/payment-orders' });
    await expect(db.query('SELECT status, settlement_reference FROM payment_order')).resolves.toEqual([{ status: 'PAID', settlement_reference: 'VIR-2026-0042' }]);
    const paid = text((await fanny.get('/payment-orders?status=PAID')).html);
    expect(paid).toContain('Payé');
    expect(paid).toContain('VIR-2026-0042');
    expect((await fanny.get('/payment-orders/payment-file?status=ISSUED')).html.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('shows an auditor the agreement, the orders and the overdue reports, without any form', async () => {
    const aude = await signedIn(AUDITOR);
    const list = await aude.get('/agreements?status=SIGNED');
    expect(list.html).toContain(`href="${page()}"`);
    const agreement = await aude.get(page());
    expect(agreement.status).toBe(200);
    expect(text(agreement.html)).toContain('Rapport du jalon 1 : Pilote sur une ligne — accepté');
    expect(changingForms(agreement.html)).toEqual([]);
    const orders = await aude.get('/payment-orders');
    expect([orders.status, changingForms(orders.html)]).toEqual([200, []]);
    expect((await aude.get('/payment-orders/payment-file')).status).toBe(200);
    expect((await aude.get('/milestones/overdue')).status).toBe(200);
    const orderId = (await db.query<{ id: string }>('SELECT id FROM payment_order'))[0].id;
    expect((await aude.post(`/payment-orders/${orderId}/returned`, { _csrf: aude.csrfOf(orders.html), reason: 'Essai.' })).status).toBe(403);
    expect((await aude.post(`${page()}/reduction`, { _csrf: aude.csrfOf(orders.html), amount: '1', reason: 'Essai.', requestKey: randomUUID() })).status).toBe(403);
  });

  it('reduces the agreement, refusing an amount not below the current one at its field, then terminates it', async () => {
    const julie = await signedIn(RELEASER);
    const before = await julie.get(page());
    const key = requestKeyOf(before.html, 'reduction');
    const tooHigh = await julie.post(`${page()}/reduction`, { _csrf: julie.csrfOf(before.html), requestKey: key, amount: '300 000', reason: 'Portée réduite.' });
    expect(tooHigh.status).toBe(422);
    expect(text(tooHigh.html)).toContain('Le nouveau montant doit être un montant positif inférieur au montant actuel de 250 000,00 $.');
    expect(tooHigh.html).toContain('value="300 000"');
    await expect(julie.post(`${page()}/reduction`, { _csrf: julie.csrfOf(before.html), requestKey: key, amount: '200 000', reason: 'Portée réduite à deux lignes.' })).resolves.toMatchObject({ status: 303 });
    const reduced = text((await julie.get(page())).html);
    expect(reduced).toContain('Montant de l\'aide financière 200 000,00 $');
    expect(reduced).toContain('Montant approuvé à l\'origine 250 000,00 $ — modifié depuis par un avenant');

    const current = await julie.get(page());
    const form = { _csrf: julie.csrfOf(current.html), requestKey: requestKeyOf(current.html, 'termination'), reason: '', amountDue: '' };
    const unexplained = await julie.post(`${page()}/termination`, form);
    expect([unexplained.status, unexplained.html.includes('<a href="#termination-reason">Motif : ce renseignement est obligatoire.</a>')]).toEqual([400, true]);
    await expect(julie.post(`${page()}/termination`, { ...form, reason: 'Projet abandonné par l’entreprise.' })).resolves.toMatchObject({ status: 303 });
    const terminated = await julie.get(page());
    expect(text(terminated.html)).toContain('État de la convention : Résiliée');
    expect(changingForms(terminated.html)).toEqual([]);
    await expect(db.query('SELECT status FROM application WHERE id = $1', [fileId])).resolves.toEqual([{ status: 'TERMINATED' }]);
  });
});
