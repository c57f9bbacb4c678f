import { ValidationFailedError } from '@fa/shared';
import { ApplicationPatch } from './application.types';

const TEXT_FIELDS = ['title', 'description', 'aiApproach', 'dataDescription'] as const;

/**
 * Trims what a person typed: a text of spaces is no answer (null), and a list entry of spaces
 * is dropped; a named row (co-investment source, milestone) must keep a name.
 */
export function normalizePatch(patch: ApplicationPatch): ApplicationPatch {
  const result: ApplicationPatch = { ...patch };
  for (const field of TEXT_FIELDS) {
    const value = result[field];
    if (typeof value === 'string') result[field] = value.trim() === '' ? null : value.trim();
  }
  if (result.researchPartners) result.researchPartners = result.researchPartners.map((partner) => partner.trim()).filter((partner) => partner !== '');
  const problems: { field: string; problems: string[] }[] = [];
  result.coInvestments = result.coInvestments?.map((source, index) => {
    if (source.sourceName.trim() === '') problems.push({ field: `coInvestments.${index}.sourceName`, problems: ['sourceName must not be blank'] });
    return { ...source, sourceName: source.sourceName.trim(), evidenceAttachmentId: source.evidenceAttachmentId ?? null };
  });
  result.milestones = result.milestones?.map((milestone, index) => {
    if (milestone.title.trim() === '') problems.push({ field: `milestones.${index}.title`, problems: ['title must not be blank'] });
    return { ...milestone, title: milestone.title.trim() };
  });
  if (problems.length > 0) throw new ValidationFailedError(problems);
  if (result.coInvestments === undefined) delete result.coInvestments;
  if (result.milestones === undefined) delete result.milestones;
  return result;
}
