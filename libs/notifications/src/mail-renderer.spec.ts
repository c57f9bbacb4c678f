import { MessageCatalog, SUPPORTED_LOCALES, fromProjectRoot } from '@fa/shared';
import { MailRenderer } from './mail-renderer';

/** Example payload of every mail event: a new template without one fails this test. */
const FIXTURES: Record<string, Record<string, unknown>> = {
  'test-message': { requestedBy: 'cli (ops)', requestedAt: '2026-11-22T15:30:00.000Z' },
  'email-verification': { verifyUrl: 'https://fonds.example.qc.ca/verify-email?token=abc', validHours: 24 },
  'account-setup': { setupUrl: 'https://fonds.example.qc.ca/account-setup?token=abc', roleKey: 'roles.REVIEWER', validHours: 72 },
  'registration-existing-account': { resetUrl: 'https://fonds.example.qc.ca/password-reset' },
  'organization-invitation': { organizationName: 'Robotique Estrie inc.', inviterName: 'Alice Roy', acceptUrl: 'https://fonds.example.qc.ca/invitations/accept?token=abc', validDays: 7 },
  'submission-received': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', submittedAt: '2026-11-23T15:30:00.000Z', applicationUrl: 'https://fonds.example.qc.ca/applications/0b9c' },
  'screening-result': {
    trackingNumber: 'FA-2026-000123',
    title: 'Inspection par vision',
    outcome: 'INELIGIBLE',
    score: 61.5,
    ruleSetVersion: '2026.1',
    reasons: [{ ruleId: 'E6', verdict: 'FAIL', titleFr: 'Co-investissement privé', titleEn: 'Private co-investment', messageFr: 'Co-investissement privé 180 000,00 $ < 250 000,00 $ requis.', messageEn: 'Private co-investment $180,000.00 < $250,000.00 required.' }],
    screeningUrl: 'https://fonds.example.qc.ca/applications/0b9c/screening',
  },
  'screening-confirmation': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', confirmedOutcome: 'ELIGIBLE', overturned: true, reason: 'Les effectifs sont de 480 selon le registre.', applicationUrl: 'https://fonds.example.qc.ca/applications/0b9c' },
  decision: { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', organizationName: 'Usinage Laval inc.', outcome: 'APPROVED', amountCents: 25_000_000, reasons: null, decidedAt: '2026-11-23T15:00:00.000Z', applicationUrl: 'https://fonds.example.qc.ca/applications/0b9c' },
  'changes-requested': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', comments: 'Joignez la lettre de la banque.', applicationUrl: 'https://fonds.example.qc.ca/applications/0b9c' },
  'agreement-offered': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', amountCents: 25_000_000, agreementUrl: 'https://fonds.example.qc.ca/agreements/0b9c' },
  'milestone-report-reviewed': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', milestoneNumber: 1, outcome: 'RETURNED', comments: 'Joignez les factures.', agreementUrl: 'https://fonds.example.qc.ca/agreements/0b9c' },
  'tranche-released': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', trancheNumber: 2, amountCents: 10_000_000, agreementUrl: 'https://fonds.example.qc.ca/agreements/0b9c' },
  'milestone-report-reminder': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', milestoneNumber: 1, milestoneTitle: 'Pilote', dueOn: '2027-04-30', agreementUrl: 'https://fonds.example.qc.ca/agreements/0b9c' },
  'milestone-report-overdue': { trackingNumber: 'FA-2026-000123', title: 'Inspection par vision', milestoneNumber: 1, milestoneTitle: 'Pilote', dueOn: '2027-04-30', agreementUrl: 'https://fonds.example.qc.ca/agreements/0b9c' },
  'password-reset': { resetUrl: 'https://fonds.example.qc.ca/password-reset/complete?token=abc', validMinutes: 60 },
};

const common = { recipientName: 'Marie-Ève Tremblay', publicUrl: 'https://fonds.example.qc.ca' };

describe(MailRenderer.name, () => {
  const sut = new MailRenderer(fromProjectRoot('templates', 'emails'), MessageCatalog.load(), 'America/Toronto');

  it('has a complete set (fr/en × html/text) for every template found', () => {
    const keys = sut.templateKeys();
    const types = [...new Set(keys.map((key) => key.split('.')[0]))];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(sut.has(type)).toBe(true);
  });

  it('has an example payload for every mail event', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(sut.types());
  });

  describe.each(Object.keys(FIXTURES))('%s', (type) => {
    it.each(SUPPORTED_LOCALES)('renders in %s, HTML and text, with every value it names', (locale) => {
      const mail = sut.render(type, locale, { ...FIXTURES[type], ...common });
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.html).toContain(`<html lang="${locale === 'fr' ? 'fr-CA' : 'en-CA'}">`);
      expect(mail.html).toContain('Marie-Ève Tremblay');
      expect(mail.text).toContain('Marie-Ève Tremblay');
      expect(mail.text).not.toMatch(/<[a-z]+[\s>]|&#x27;|&amp;/i);
      for (const body of [mail.html, mail.text]) expect(body).not.toMatch(/undefined|null|\[object Object\]/);
    });

    it('refuses to render when a value the template names is missing (strict mode)', () => {
      expect(() => sut.render(type, 'fr', { ...common })).toThrow();
    });
  });

  it('writes French and English mails in their own language', () => {
    const fr = sut.render('test-message', 'fr', { ...FIXTURES['test-message'], ...common });
    const en = sut.render('test-message', 'en', { ...FIXTURES['test-message'], ...common });
    expect(fr.subject).toBe("Message d'essai de la plateforme Fonds Accélération");
    expect(en.subject).toBe('Test message from the Acceleration Fund platform');
    expect(fr.text).toContain('Bonjour Marie-Ève Tremblay,');
    expect(en.text).toContain('Hello Marie-Ève Tremblay,');
  });

  it('escapes values in HTML but not in text', () => {
    const mail = sut.render('test-message', 'en', { ...FIXTURES['test-message'], ...common, requestedBy: '<script>O\'Brien</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain("<script>O'Brien</script>");
  });
});
