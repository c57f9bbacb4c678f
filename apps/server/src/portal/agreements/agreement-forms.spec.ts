import { MessageCatalog } from '@fa/shared';
import { FormProblems } from '../intake/form-problems';
import { AGREEMENT_FIELD_LABELS, readReduction, readReport, readReportReview, readTermination } from './agreement-forms';
import { readPaymentConfirmation } from './payment-order-forms';

const catalog = MessageCatalog.load();
const problemsIn = (locale: 'fr' | 'en') => new FormProblems((key, params) => catalog.translate(locale, key, params), AGREEMENT_FIELD_LABELS);
const KEY = '7d7f6f0e-2a7c-4c1e-9d3b-5b8e2f1a0c44';
const INVOICE = '0b8c1f7e-0000-4000-8000-000000000001';
const REPORT = { milestone: '1', progress: 'Pilote en production.', aiJobs: '2', privateSpent: '99 999,99', evidence: INVOICE };

describe(readReport.name, () => {
  it('reads a report: cumulative private spending in dollars as cents, the evidence ticked', () => {
    const sut = readReport(REPORT, [1, 2], new Set([INVOICE]), 'fr', problemsIn('fr'));
    expect(sut.input).toEqual({ milestoneNumber: 1, progress: 'Pilote en production.', aiJobsToDate: 2, privateSpentToDateCents: 9_999_999, evidenceAttachmentIds: [INVOICE] });
  });

  it('takes several ticked files, and none', () => {
    const other = '0b8c1f7e-0000-4000-8000-000000000002';
    expect(readReport({ ...REPORT, evidence: [INVOICE, other] }, [1], new Set([INVOICE, other]), 'fr', problemsIn('fr')).input?.evidenceAttachmentIds).toEqual([INVOICE, other]);
    expect(readReport({ ...REPORT, evidence: undefined }, [1], new Set(), 'fr', problemsIn('fr')).input?.evidenceAttachmentIds).toEqual([]);
  });

  it('names an amount that is not dollars at its field, in French and in English, and keeps what was typed', () => {
    const fr = problemsIn('fr');
    const sut = readReport({ ...REPORT, privateSpent: 'beaucoup' }, [1], new Set([INVOICE]), 'fr', fr);
    expect(sut.input).toBeNull();
    expect(sut.values).toMatchObject({ privateSpent: 'beaucoup', progress: 'Pilote en production.', evidence: INVOICE });
    expect(fr.list).toEqual([{ field: 'report-privateSpent', message: 'Dépenses privées à ce jour : écrivez un montant en dollars, par exemple 250 000,00.' }]);
    const en = problemsIn('en');
    readReport({ ...REPORT, privateSpent: 'lots' }, [1], new Set([INVOICE]), 'en', en);
    expect(en.list).toEqual([{ field: 'report-privateSpent', message: 'Private spending to date: write an amount in dollars, for example 250,000.00.' }]);
  });

  it('refuses a milestone that cannot be reported on, jobs that are not a whole number, and a file that is not evidence', () => {
    const problems = problemsIn('fr');
    readReport({ ...REPORT, milestone: '2', aiJobs: '2,5', evidence: 'd3adb33f' }, [1], new Set([INVOICE]), 'fr', problems);
    expect(problems.list.map((problem) => problem.field)).toEqual(['report-milestone', 'report-aiJobs', 'report-evidence']);
  });
});

describe(readReportReview.name, () => {
  it('requires comments to return a report, not to accept it', () => {
    expect(readReportReview({ outcome: 'ACCEPTED', comments: '' }, 'review-m1', problemsIn('fr')).input).toEqual({ outcome: 'ACCEPTED', comments: null });
    const problems = problemsIn('fr');
    readReportReview({ outcome: 'RETURNED', comments: ' ' }, 'review-m1', problems);
    expect(problems.list).toEqual([{ field: 'review-m1-comments', message: 'Commentaires : ce renseignement est obligatoire.' }]);
  });
});

describe('amendments', () => {
  it('reads a reduction to zero, and refuses one without the form’s key', () => {
    expect(readReduction({ amount: '0', reason: 'Projet abandonné.', requestKey: KEY }, 'fr', problemsIn('fr')).input).toEqual({ newAmountCents: 0, reason: 'Projet abandonné.', requestKey: KEY });
    const problems = problemsIn('fr');
    expect(readReduction({ amount: '200 000', reason: 'Portée réduite.', requestKey: '' }, 'fr', problems).input).toBeNull();
    expect(problems.list.map((problem) => problem.field)).toEqual(['reduction-amount']);
  });

  it('reads a termination whose amount still due is left blank as "all of it"', () => {
    expect(readTermination({ reason: 'Projet abandonné.', amountDue: '', requestKey: KEY }, 'en', problemsIn('en')).input).toEqual({ reason: 'Projet abandonné.', amountDueCents: null, requestKey: KEY });
  });
});

describe(readPaymentConfirmation.name, () => {
  it('requires the finance system’s reference, at most 200 characters', () => {
    const problems = problemsIn('en');
    readPaymentConfirmation({ reference: 'x'.repeat(201) }, 'paid-3', problems);
    expect(problems.list).toEqual([{ field: 'paid-3-reference', message: 'Payment reference: at most 200 characters.' }]);
  });
});
