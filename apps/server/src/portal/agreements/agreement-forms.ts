import type { Locale } from '@fa/shared';
import type { MilestoneReportInput } from '@fa/agreements';
import { formText } from '../form-values';
import { FormProblems } from '../intake/form-problems';
import { FormBody, ReadForm, TEXT_MAX, choice, dollars, formList, longText, requestKey, wholeNumber } from './form-readers';

/*
 * The agreement page's forms, read into the input of their use case or into problems named at
 * their inputs. Input ids carry their form's prefix, since several forms share the page; a form
 * drawn once per report or tranche carries its number too (`review-m1-comments`, `release-2`).
 */

/** The catalog prefix of the agreement forms' labels. */
export const AGREEMENT_FIELD_LABELS = 'agreements.fields';
const PROGRESS_MAX = 8000;
/** The API's bound on AI jobs reported (MilestoneReportRequestDto). */
const AI_JOBS_MAX = 100_000;

/** The milestone report: `openMilestones` are those that may be reported on, `evidenceIds` the files uploaded as evidence. */
export function readReport(body: FormBody, openMilestones: readonly number[], evidenceIds: ReadonlySet<string>, locale: Locale, problems: FormProblems): ReadForm<MilestoneReportInput> {
  const evidence = formList(body.evidence);
  const values = { milestone: formText(body.milestone), progress: formText(body.progress), aiJobs: formText(body.aiJobs), privateSpent: formText(body.privateSpent), evidence: evidence.join(',') };
  const milestone = choice(values.milestone, openMilestones.map(String), 'report-milestone', 'milestone', problems);
  longText(values.progress, PROGRESS_MAX, 'report-progress', 'progress', problems, true);
  const aiJobsToDate = wholeNumber(values.aiJobs, 0, AI_JOBS_MAX, 'report-aiJobs', 'aiJobsToDate', problems);
  const privateSpentToDateCents = dollars(values.privateSpent, locale, 'report-privateSpent', 'privateSpent', problems, { required: true, allowZero: true });
  if (evidence.some((id) => !evidenceIds.has(id))) problems.add('report-evidence', 'choice', {}, 'evidence');
  if (milestone === null || aiJobsToDate === null || privateSpentToDateCents === null || !problems.empty) return { values, input: null };
  return { values, input: { milestoneNumber: Number(milestone), progress: values.progress, aiJobsToDate, privateSpentToDateCents, evidenceAttachmentIds: evidence } };
}

/** A reviewer's outcome on one report; comments are required to return it (the enterprise reads them). */
export function readReportReview(body: FormBody, prefix: string, problems: FormProblems): ReadForm<{ outcome: 'ACCEPTED' | 'RETURNED'; comments: string | null }> {
  const values = { outcome: formText(body.outcome), comments: formText(body.comments) };
  const outcome = choice(values.outcome, ['ACCEPTED', 'RETURNED'] as const, `${prefix}-outcome`, 'outcome', problems);
  longText(values.comments, TEXT_MAX, `${prefix}-comments`, 'comments', problems, outcome === 'RETURNED');
  return { values, input: outcome && problems.empty ? { outcome, comments: values.comments || null } : null };
}

/** A release: only the key the form was drawn with (the tranche is in the address). */
export function readRelease(body: FormBody, field: string, problems: FormProblems): ReadForm<{ requestKey: string }> {
  const values = { requestKey: formText(body.requestKey) };
  const key = requestKey(values.requestKey, field, problems);
  return { values, input: key ? { requestKey: key } : null };
}

export function readReduction(body: FormBody, locale: Locale, problems: FormProblems): ReadForm<{ newAmountCents: number; reason: string; requestKey: string }> {
  const values = { amount: formText(body.amount), reason: formText(body.reason), requestKey: formText(body.requestKey) };
  // Zero is a reduction too (nothing more will be paid); the domain checks it is below the current amount.
  const newAmountCents = dollars(values.amount, locale, 'reduction-amount', 'newAmount', problems, { required: true, allowZero: true });
  longText(values.reason, TEXT_MAX, 'reduction-reason', 'reason', problems, true);
  const key = requestKey(values.requestKey, 'reduction-amount', problems);
  return { values, input: newAmountCents !== null && key && problems.empty ? { newAmountCents, reason: values.reason, requestKey: key } : null };
}

/** A termination: the reason, and optionally how much of what was paid remains due (all of it when left blank). */
export function readTermination(body: FormBody, locale: Locale, problems: FormProblems): ReadForm<{ reason: string; amountDueCents: number | null; requestKey: string }> {
  const values = { reason: formText(body.reason), amountDue: formText(body.amountDue), requestKey: formText(body.requestKey) };
  longText(values.reason, TEXT_MAX, 'termination-reason', 'reason', problems, true);
  const amountDueCents = dollars(values.amountDue, locale, 'termination-amountDue', 'amountDue', problems, { required: false, allowZero: true });
  const key = requestKey(values.requestKey, 'termination-reason', problems);
  return { values, input: key && problems.empty ? { reason: values.reason, amountDueCents, requestKey: key } : null };
}
