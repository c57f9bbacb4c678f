import { MessageCatalog } from '@fa/shared';
import { FormProblems } from '../intake/form-problems';
import { REVIEW_FIELD_LABELS, readDecision, readDeclaration, readRecommendation, readReview } from './review-forms';

const catalog = MessageCatalog.load();
const problemsIn = (locale: 'fr' | 'en') => new FormProblems((key, params) => catalog.translate(locale, key, params), REVIEW_FIELD_LABELS);
const GRID = [
  { code: 'AI_INNOVATION', labelFr: 'Innovation en IA', labelEn: 'AI innovation', weight: 60 },
  { code: 'TEAM_CAPACITY', labelFr: 'Capacité de l’équipe', labelEn: 'Team capacity', weight: 40 },
];
const KEY = '7d7f6f0e-2a7c-4c1e-9d3b-5b8e2f1a0c44';

describe(readDecision.name, () => {
  it('reads an approval in dollars as cents, with optional remarks', () => {
    const sut = readDecision({ outcome: 'APPROVED', amount: '240 000,50', reasons: '', requestKey: KEY }, 'fr', problemsIn('fr'));
    expect(sut.input).toEqual({ outcome: 'APPROVED', amountCents: 24_000_050, reasons: null, requestKey: KEY });
  });

  it('asks for reasons to decline, in the page’s language, at the reasons field', () => {
    const fr = problemsIn('fr');
    expect(readDecision({ outcome: 'DECLINED', amount: '', reasons: '  ', requestKey: KEY }, 'fr', fr).input).toBeNull();
    expect(fr.list).toEqual([{ field: 'decision-reasons', message: 'Motifs : ce renseignement est obligatoire.' }]);
    const en = problemsIn('en');
    readDecision({ outcome: 'DECLINED', reasons: '', requestKey: KEY }, 'en', en);
    expect(en.list).toEqual([{ field: 'decision-reasons', message: 'Reasons: this is required.' }]);
  });

  it('refuses an amount that is not dollars, zero, and a form without its key', () => {
    const problems = problemsIn('en');
    readDecision({ outcome: 'APPROVED', amount: 'lots', requestKey: 'x' }, 'en', problems);
    expect(problems.list.map((problem) => problem.field)).toEqual(['decision-amount', 'decision-outcome']);
    const zero = problemsIn('en');
    readDecision({ outcome: 'APPROVED', amount: '0', requestKey: KEY }, 'en', zero);
    expect(zero.list.map((problem) => problem.field)).toEqual(['decision-amount']);
  });
});

describe(readRecommendation.name, () => {
  it('ignores the amount of a recommendation to decline', () => {
    expect(readRecommendation({ kind: 'DECLINE', amount: 'n/a', reasons: 'Impact faible.' }, 'fr', problemsIn('fr')).input).toEqual({ kind: 'DECLINE', amountCents: null, reasons: 'Impact faible.' });
  });

  it('counts characters as PostgreSQL does', () => {
    const problems = problemsIn('fr');
    readRecommendation({ kind: 'DECLINE', reasons: '😀'.repeat(4000) }, 'fr', problems);
    expect(problems.empty).toBe(true);
    readRecommendation({ kind: 'DECLINE', reasons: '😀'.repeat(4001) }, 'fr', problems);
    expect(problems.list).toEqual([{ field: 'recommendation-reasons', message: 'Motifs : au plus 4000 caractères.' }]);
  });
});

describe(readReview.name, () => {
  it('reads a whole score 0–5 for each criterion and keeps only the comments written', () => {
    const sut = readReview({ 'score-AI_INNOVATION': '4', 'score-TEAM_CAPACITY': '0', 'comment-AI_INNOVATION': 'Solide.', 'comment-TEAM_CAPACITY': '' }, GRID, 'fr', problemsIn('fr'));
    expect(sut.input).toEqual({ scores: { AI_INNOVATION: 4, TEAM_CAPACITY: 0 }, comments: { AI_INNOVATION: 'Solide.' } });
  });

  it('names the criterion, as the settings label it, for a score missing or out of the scale', () => {
    const problems = problemsIn('en');
    expect(readReview({ 'score-AI_INNOVATION': '6' }, GRID, 'en', problems).input).toBeNull();
    expect(problems.list).toEqual([
      { field: 'score-AI_INNOVATION', message: 'AI innovation: choose one of the options offered.' },
      { field: 'score-TEAM_CAPACITY', message: 'Team capacity: this is required.' },
    ]);
  });
});

describe(readDeclaration.name, () => {
  it('takes a recusal with its statement, and refuses anything but the two choices', () => {
    expect(readDeclaration({ kind: 'RECUSED', statement: 'Mon frère y travaille.' }, problemsIn('fr')).input).toEqual({ kind: 'RECUSED', statement: 'Mon frère y travaille.' });
    const problems = problemsIn('fr');
    expect(readDeclaration({ kind: 'MAYBE' }, problems).input).toBeNull();
    expect(problems.list).toEqual([{ field: 'declaration-kind', message: 'Votre déclaration : choisissez une des options proposées.' }]);
  });
});
