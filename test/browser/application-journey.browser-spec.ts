/// <reference lib="dom" />
import { simpleParser } from 'mailparser';
import { TravelClock } from '@fa/shared';
import { axeViolations } from '../support/browser';
import { BrowserStack, startBrowserStack } from '../support/browser-stack';
import { pdfBytes } from '../support/files';

const EMAIL = 'chloe@usinage-drummond.example';
const PASSWORD = 'des robots soudeurs à Drummondville';

describe('an SME applies in French, from registration to submission (Chromium)', () => {
  let stack: BrowserStack;
  let page: BrowserStack['page'];
  let smtp: BrowserStack['smtp'];
  let server: BrowserStack['server'];

  beforeAll(async () => {
    stack = await startBrowserStack({ clock: new TravelClock(new Date('2026-11-23T15:00:00Z')) });
    ({ page, smtp, server } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);
  const mailTo = async (subject: RegExp) => simpleParser((await smtp.waitFor((mail) => mail.to.includes(EMAIL) && subject.test(mail.raw.toString()))).raw);
  /** Every mail to the applicant, parsed, once at least `count` have arrived. */
  const mailsTo = async (count: number) => {
    await smtp.waitFor(() => smtp.received.filter((mail) => mail.to.includes(EMAIL)).length >= count);
    return Promise.all(smtp.received.filter((mail) => mail.to.includes(EMAIL)).map((mail) => simpleParser(mail.raw)));
  };
  const heading = async () => (await page.textContent('h1'))?.trim();

  it('registers, describes the enterprise and the project, attaches evidence, submits and sees the screening and the mail', async () => {
    await page.goto(`${server.url}/register`);
    await page.fill('#displayName', 'Chloé Gagnon');
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('main button[type="submit"]');
    const verification = await mailTo(/Confirmez/);
    const link = new URL(verification.text!.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]{43}/)![0]);
    await page.goto(`${server.url}${link.pathname}${link.search}`);
    await page.click('main button[type="submit"]');
    await page.goto(`${server.url}/login`);
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);

    await page.click('a[href="/applications"]');
    expect(await heading()).toBe('Mes demandes de financement');
    await expectAccessible();

    await page.click('main a[href="/organizations/new"]');
    expect(await heading()).toBe('Inscrire mon entreprise');
    await expectAccessible();
    await page.fill('#legalName', 'Usinage Drummond inc.');
    await page.fill('#neq', '11733');
    await page.fill('#streetAddress', '455, boulevard Lemire');
    await page.fill('#city', 'Drummondville');
    await page.fill('#postalCode', 'j2c 7w7');
    await page.selectOption('#regionCode', '17');
    await page.fill('#naicsCode', '332710');
    await page.fill('#employees', '48');
    await page.fill('#annualRevenueCents', '9 500 000');
    await page.click('main button[type="submit"]');
    expect(await page.textContent('.error-summary')).toContain('écrivez les 10 chiffres du NEQ');
    await expectAccessible();
    await page.fill('#neq', '1173345678');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/applications`);

    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const applicationUrl = page.url();
    expect(await page.textContent('main')).toContain('Brouillon');
    await expectAccessible();

    await page.selectOption('#category', 'CO_INVESTMENT_EVIDENCE');
    await page.setInputFiles('#file', { name: 'engagement-banque.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes()) });
    await page.click('form[enctype="multipart/form-data"] button[type="submit"]');
    await page.waitForURL(`${applicationUrl}#attachments`);
    expect(await page.textContent('#attachments + .table-wrapper')).toContain('engagement-banque.pdf');

    await page.click('a[href$="/sections/project"]');
    expect(await heading()).toBe('Projet d\'IA');
    await expectAccessible();
    await page.fill('#title', 'Soudage robotisé guidé par vision');
    await page.fill('#description', 'Des cobots de soudage guidés par une caméra qui inspecte chaque joint.');
    await page.selectOption('#sectorCode', 'MANUFACTURING_ROBOTICS');
    await page.selectOption('#useCaseCode', 'REALTIME_QUALITY_INSPECTION');
    await page.fill('#aiApproach', 'Segmentation d\'images par réseau de neurones.');
    await page.check('input[name="dataAvailable"][value="yes"]');
    await page.check('input[name="mlStaffInPlace"][value="no"]');
    await page.fill('#researchPartners', 'Mila\nCRIM');
    await page.click('main button[type="submit"]');
    await page.waitForURL(applicationUrl);

    await page.click('a[href$="/sections/budget"]');
    await expectAccessible();
    await page.fill('#totalProjectCostCents', '400 000,00');
    await page.fill('#amountRequestedCents', '200 000');
    await page.fill('#otherPublicFundingCents', 'deux cents');
    await page.fill('#coInvestments-0-sourceName', 'Caisse Desjardins');
    await page.selectOption('#coInvestments-0-sourceType', 'BANK_LOAN');
    await page.fill('#coInvestments-0-amount', '200 000,00');
    await page.selectOption('#coInvestments-0-evidence', { label: 'engagement-banque.pdf' });
    await page.click('main button[type="submit"]');
    expect(await page.textContent('.error-summary')).toContain('Autre financement public ($) : écrivez un montant en dollars');
    await expectAccessible();
    await page.fill('#otherPublicFundingCents', '0');
    await page.click('main button[type="submit"]');
    await page.waitForURL(applicationUrl);

    await page.click('a[href$="/sections/jobs-and-milestones"]');
    await expectAccessible();
    await page.fill('#aiJobsPlanned', '4');
    await page.fill('#milestones-0-title', 'Cellule pilote en production');
    await page.fill('#milestones-0-dueOn', '2027-05-31');
    await page.fill('#milestones-1-title', 'Trois cellules déployées');
    await page.fill('#milestones-1-dueOn', '2027-10-29');
    await page.click('main button[type="submit"]');
    await page.waitForURL(applicationUrl);

    await page.click('a[href$="/sections/declarations"]');
    expect(await page.textContent('main')).toContain('examen automatisé d\'admissibilité');
    await expectAccessible();
    await page.check('#declaresAccuracy');
    await page.check('#consentsToProcessing');
    await page.check('#acknowledgesAutomatedScreening');
    await page.click('main button[type="submit"]');
    await page.waitForURL(applicationUrl);
    expect(await page.locator('.state-incomplete').count()).toBe(0);
    await expectAccessible();

    await page.click('form[action$="/submit"] button[type="submit"]');
    await page.waitForURL(/\/screening\?submitted=1$/);
    expect(await heading()).toBe('Résultat de l\'examen automatisé');
    const notice = (await page.textContent('[role="status"]')) ?? '';
    const trackingNumber = notice.match(/FA-2026-\d{6}/)?.[0];
    expect(trackingNumber).toBeDefined();
    expect(await page.textContent('.outcome')).toContain('Admissible');
    expect(await page.textContent('main')).toContain('Co-investissement privé confirmé');
    await expectAccessible();

    const mails = await mailsTo(3);
    const received = mails.find((mail) => mail.subject === `Demande ${trackingNumber} reçue — Fonds Accélération`);
    expect(received?.text).toContain(`Son numéro de suivi est ${trackingNumber}`);
    const result = mails.find((mail) => mail.subject === `Résultat de l'examen automatisé — demande ${trackingNumber}`);
    expect(result?.text).toContain('Ce résultat n\'est pas une décision');

    await page.fill('#reason', 'Nous embauchons deux spécialistes en apprentissage automatique en janvier.');
    await page.click('form[action$="/reexamination"] button[type="submit"]');
    expect(await page.textContent('main')).toContain('Vous avez demandé une révision par une personne');
    await expectAccessible();

    await page.goto(`${applicationUrl}/copy`);
    expect(await heading()).toBe(`Copie de la demande ${trackingNumber}`);
    expect(await page.textContent('main')).toContain('Caisse Desjardins');
    await expectAccessible();

    await page.goto(applicationUrl);
    expect(await page.textContent('.timeline')).toContain('Examen automatisé fait');
    expect(await page.locator('form[action$="/submit"]').count()).toBe(0);
    await expectAccessible();
  });
});
