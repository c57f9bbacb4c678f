import type { Locale } from '@fa/shared';
import type { Criterion, DeclarationKind, DecisionOutcome, RecommendationKind, ReviewInput } from '@fa/review';
import { formText } from '../form-values';
import { FormProblems } from '../intake/form-problems';
import { INVALID, parseDollars } from '../intake/form-input';

/*
 * The review's portal forms: what each one sends back, read into the input of its use case, or
 * into problems named at their fields. Every input's id is prefixed with its form's name, since
 * several forms share the file's page.
 */
export type ReviewFormName = 'declaration' | 'assignment' | 'screening' | 'changes' | 'review' | 'recommendation' | 'decision' | 'agreement';
export type FormValues = Record<string, string>;
type FormBody = Record<string, unknown>;

/** What a form read: the input for its use case when nothing is to fix, and the values to show again. */
export interface ReadForm<T> {
  input: T | null;
  values: FormValues;
}

/** The catalog prefix of the review forms' labels. */
export const REVIEW_FIELD_LABELS = 'review.fields';
/** The longest reason, comment or statement a person writes (the database's CHECKs). */
const TEXT_MAX = 4000;
const STATEMENT_MAX = 2000;
const COMMENT_MAX = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function readDeclaration(body: FormBody, problems: FormProblems): ReadForm<{ kind: DeclarationKind; statement: string | null }> {
  const values = { kind: formText(body.kind), statement: formText(body.statement) };
  const kind = choice(values.kind, ['NO_CONFLICT', 'RECUSED'] as const, 'declaration-kind', 'declarationKind', problems);
  longText(values.statement, STATEMENT_MAX, 'declaration-statement', 'statement', problems, false);
  return { values, input: kind && problems.empty ? { kind, statement: values.statement || null } : null };
}

export function readScreeningConfirmation(body: FormBody, problems: FormProblems): ReadForm<{ outcome: 'ELIGIBLE' | 'INELIGIBLE'; reason: string }> {
  const values = { outcome: formText(body.outcome), reason: formText(body.reason) };
  const outcome = choice(values.outcome, ['ELIGIBLE', 'INELIGIBLE'] as const, 'screening-outcome', 'outcome', problems);
  longText(values.reason, TEXT_MAX, 'screening-reason', 'reason', problems, true);
  return { values, input: outcome && problems.empty ? { outcome, reason: values.reason } : null };
}

export function readChangesRequest(body: FormBody, problems: FormProblems): ReadForm<{ comments: string }> {
  const values = { comments: formText(body.comments) };
  longText(values.comments, TEXT_MAX, 'changes-comments', 'comments', problems, true);
  return { values, input: problems.empty ? { comments: values.comments } : null };
}

/** The grid: a whole score 0–5 for every criterion (radio groups `score-<code>`), an optional comment each (`comment-<code>`). */
export function readReview(body: FormBody, criteria: readonly Criterion[], locale: Locale, problems: FormProblems): ReadForm<ReviewInput> {
  const values: FormValues = {};
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const criterion of criteria) {
    const label = locale === 'fr' ? criterion.labelFr : criterion.labelEn;
    const score = (values[`score-${criterion.code}`] = formText(body[`score-${criterion.code}`]));
    const comment = (values[`comment-${criterion.code}`] = formText(body[`comment-${criterion.code}`]));
    if (/^[0-5]$/.test(score)) scores[criterion.code] = Number(score);
    else problems.addLabelled(`score-${criterion.code}`, label, score === '' ? 'required' : 'choice');
    if ([...comment].length > COMMENT_MAX) problems.addLabelled(`comment-${criterion.code}`, label, 'tooLong', { max: COMMENT_MAX });
    else if (comment !== '') comments[criterion.code] = comment;
  }
  return { values, input: problems.empty ? { scores, comments } : null };
}

export function readRecommendation(body: FormBody, locale: Locale, problems: FormProblems): ReadForm<{ kind: RecommendationKind; amountCents: number | null; reasons: string }> {
  const values = { kind: formText(body.kind), amount: formText(body.amount), reasons: formText(body.reasons) };
  const kind = choice(values.kind, ['APPROVE', 'DECLINE'] as const, 'recommendation-kind', 'recommendationKind', problems);
  const amountCents = kind === 'APPROVE' ? amount(values.amount, locale, 'recommendation-amount', problems) : null;
  longText(values.reasons, TEXT_MAX, 'recommendation-reasons', 'reasons', problems, true);
  return { values, input: kind && problems.empty ? { kind, amountCents, reasons: values.reasons } : null };
}

/** The approver's decision; `requestKey` is the hidden key the form was drawn with, so a second send of it is the same decision. */
export function readDecision(body: FormBody, locale: Locale, problems: FormProblems): ReadForm<{ outcome: DecisionOutcome; amountCents: number | null; reasons: string | null; requestKey: string }> {
  const values = { outcome: formText(body.outcome), amount: formText(body.amount), reasons: formText(body.reasons), requestKey: formText(body.requestKey) };
  const outcome = choice(values.outcome, ['APPROVED', 'DECLINED'] as const, 'decision-outcome', 'outcome', problems);
  const amountCents = outcome === 'APPROVED' ? amount(values.amount, locale, 'decision-amount', problems) : null;
  // Reasons are required to decline (the applicant reads them); an approval's are optional remarks.
  longText(values.reasons, TEXT_MAX, 'decision-reasons', 'reasons', problems, outcome === 'DECLINED');
  if (!UUID.test(values.requestKey)) problems.add('decision-outcome', 'formExpired', {}, 'requestKey');
  return { values, input: outcome && problems.empty ? { outcome, amountCents, reasons: values.reasons || null, requestKey: values.requestKey } : null };
}

function choice<T extends string>(value: string, allowed: readonly T[], field: string, label: string, problems: FormProblems): T | null {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.add(field, value === '' ? 'required' : 'choice', {}, label);
  return null;
}

/** Counts characters as PostgreSQL does (code points), so the database's CHECK never answers first. */
function longText(value: string, max: number, field: string, label: string, problems: FormProblems, required: boolean): void {
  if (required && value === '') problems.add(field, 'required', {}, label);
  else if ([...value].length > max) problems.add(field, 'tooLong', { max }, label);
}

function amount(text: string, locale: Locale, field: string, problems: FormProblems): number | null {
  const cents = parseDollars(text, locale);
  if (cents === null) problems.add(field, 'required', {}, 'amount');
  else if (cents === INVALID || cents <= 0) problems.add(field, 'money', {}, 'amount');
  else return cents;
  return null;
}
