import type { ApplicationPatch, ApplicationRecord, AttachmentRecord, CoInvestmentSource, Milestone } from '@fa/intake';
import { CO_INVESTMENT_SOURCE_TYPES } from '@fa/intake';
import type { Locale } from '@fa/shared';
import { FormProblems } from './form-problems';
import { INVALID, Parsed, dollarsText, parseDate, parseDollars, parseWholeNumber, parseYesNo } from './form-input';
import { formText } from '../form-values';

/*
 * The application's sections as portal forms: what each form shows (from the record) and how
 * what comes back becomes a patch for the intake service. Empty fields save as "not answered".
 */
export const SECTION_SLUGS = { PROJECT: 'project', BUDGET: 'budget', JOBS_AND_MILESTONES: 'jobs-and-milestones', DECLARATIONS: 'declarations' } as const;
export type EditableSection = keyof typeof SECTION_SLUGS;
export const CO_INVESTMENT_ROWS = 5;
export const MILESTONE_ROWS = 6;

type FormBody = Record<string, unknown>;
type FormValues = Record<string, unknown>;

const yesNo = (value: boolean | null) => (value === true ? 'yes' : value === false ? 'no' : '');

export function sectionOfSlug(slug: string): EditableSection | undefined {
  return (Object.keys(SECTION_SLUGS) as EditableSection[]).find((section) => SECTION_SLUGS[section] === slug);
}

/** The values a section's form shows for a saved application. */
export function formOf(section: EditableSection, application: ApplicationRecord, locale: Locale): FormValues {
  switch (section) {
    case 'PROJECT':
      return {
        title: application.title ?? '', description: application.description ?? '', sectorCode: application.sectorCode ?? '', useCaseCode: application.useCaseCode ?? '',
        aiApproach: application.aiApproach ?? '', dataAvailable: yesNo(application.dataAvailable), dataDescription: application.dataDescription ?? '',
        mlStaffInPlace: yesNo(application.mlStaffInPlace), researchPartners: application.researchPartners.join('\n'),
      };
    case 'BUDGET':
      return {
        totalProjectCostCents: dollarsText(application.totalProjectCostCents, locale),
        amountRequestedCents: dollarsText(application.amountRequestedCents, locale),
        otherPublicFundingCents: dollarsText(application.otherPublicFundingCents, locale),
        coInvestments: rows(CO_INVESTMENT_ROWS, (index) => {
          const source = application.coInvestments[index];
          return { index, sourceName: source?.sourceName ?? '', sourceType: source?.sourceType ?? '', amount: source ? dollarsText(source.amountCents, locale) : '', evidence: source?.evidenceAttachmentId ?? '' };
        }),
      };
    case 'JOBS_AND_MILESTONES':
      return {
        aiJobsPlanned: application.aiJobsPlanned === null ? '' : String(application.aiJobsPlanned),
        milestones: rows(MILESTONE_ROWS, (index) => ({ index, title: application.milestones[index]?.title ?? '', dueOn: application.milestones[index]?.dueOn ?? '' })),
      };
    case 'DECLARATIONS':
      return { declaresAccuracy: application.declaresAccuracy, consentsToProcessing: application.consentsToProcessing, acknowledgesAutomatedScreening: application.acknowledgesAutomatedScreening };
  }
}

/** Reads a submitted section form: the patch to save, the values to show again, and what to fix. */
export function readSection(section: EditableSection, body: FormBody, locale: Locale, problems: FormProblems): { patch: ApplicationPatch; form: FormValues } {
  switch (section) {
    case 'PROJECT':
      return readProject(body, problems);
    case 'BUDGET':
      return readBudget(body, locale, problems);
    case 'JOBS_AND_MILESTONES':
      return readJobsAndMilestones(body, problems);
    case 'DECLARATIONS': {
      const form = { declaresAccuracy: body.declaresAccuracy === 'on', consentsToProcessing: body.consentsToProcessing === 'on', acknowledgesAutomatedScreening: body.acknowledgesAutomatedScreening === 'on' };
      return { patch: form, form };
    }
  }
}

function rows<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

function text(body: FormBody, field: string, max: number, problems: FormProblems): string | null {
  const value = formText(body[field]);
  if (value.length > max) problems.add(field, 'tooLong', { max });
  return value === '' ? null : value;
}

function value<T>(parsed: Parsed<T>, field: string, problem: string, problems: FormProblems, params: Record<string, unknown> = {}, labelField = field): T | null {
  if (parsed === INVALID) {
    problems.add(field, problem, params, labelField);
    return null;
  }
  return parsed;
}

function readProject(body: FormBody, problems: FormProblems) {
  const form = Object.fromEntries(['title', 'description', 'sectorCode', 'useCaseCode', 'aiApproach', 'dataAvailable', 'dataDescription', 'mlStaffInPlace', 'researchPartners'].map((field) => [field, formText(body[field])]));
  const partners = String(form.researchPartners).split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (partners.length > 10 || partners.some((partner) => partner.length > 200)) problems.add('researchPartners', 'tooLong', { max: 200 });
  const patch: ApplicationPatch = {
    title: text(body, 'title', 200, problems),
    description: text(body, 'description', 10_000, problems),
    sectorCode: form.sectorCode || null,
    useCaseCode: form.useCaseCode || null,
    aiApproach: text(body, 'aiApproach', 5000, problems),
    dataAvailable: parseYesNo(String(form.dataAvailable)),
    dataDescription: text(body, 'dataDescription', 5000, problems),
    mlStaffInPlace: parseYesNo(String(form.mlStaffInPlace)),
    researchPartners: partners.slice(0, 10),
  };
  return { patch, form };
}

function readBudget(body: FormBody, locale: Locale, problems: FormProblems) {
  const money = (field: string) => value(parseDollars(formText(body[field]), locale), field, 'money', problems);
  const patch: ApplicationPatch = {
    totalProjectCostCents: money('totalProjectCostCents'),
    amountRequestedCents: money('amountRequestedCents'),
    otherPublicFundingCents: money('otherPublicFundingCents'),
  };
  const coInvestments: CoInvestmentSource[] = [];
  const formRows = rows(CO_INVESTMENT_ROWS, (index) => {
    const row = { index, sourceName: formText(body[`coInvestments-${index}-sourceName`]), sourceType: formText(body[`coInvestments-${index}-sourceType`]), amount: formText(body[`coInvestments-${index}-amount`]), evidence: formText(body[`coInvestments-${index}-evidence`]) };
    if (!row.sourceName && !row.sourceType && !row.amount && !row.evidence) return row;
    const amount = parseDollars(row.amount, locale);
    const type = (CO_INVESTMENT_SOURCE_TYPES as readonly string[]).includes(row.sourceType) ? (row.sourceType as CoInvestmentSource['sourceType']) : null;
    if (!row.sourceName || row.sourceName.length > 200 || !type || amount === null || amount === INVALID || amount === 0) {
      problems.add(`coInvestments-${index}-sourceName`, 'incompleteRow', { row: index + 1 }, 'coInvestments');
      return row;
    }
    coInvestments.push({ sourceName: row.sourceName, sourceType: type, amountCents: amount, evidenceAttachmentId: row.evidence || null });
    return row;
  });
  return { patch: { ...patch, coInvestments }, form: { ...Object.fromEntries(['totalProjectCostCents', 'amountRequestedCents', 'otherPublicFundingCents'].map((field) => [field, formText(body[field])])), coInvestments: formRows } };
}

function readJobsAndMilestones(body: FormBody, problems: FormProblems) {
  const jobsText = formText(body.aiJobsPlanned);
  const aiJobsPlanned = value(parseWholeNumber(jobsText, 0, 100_000), 'aiJobsPlanned', 'integer', problems, { min: 0, max: 100_000 });
  const milestones: Milestone[] = [];
  const formRows = rows(MILESTONE_ROWS, (index) => {
    const row = { index, title: formText(body[`milestones-${index}-title`]), dueOn: formText(body[`milestones-${index}-dueOn`]) };
    if (!row.title && !row.dueOn) return row;
    const dueOn = parseDate(row.dueOn);
    if (!row.title || row.title.length > 200 || dueOn === null || dueOn === INVALID) {
      problems.add(`milestones-${index}-title`, 'incompleteMilestone', { row: index + 1 }, 'milestones');
      return row;
    }
    milestones.push({ title: row.title, dueOn });
    return row;
  });
  return { patch: { aiJobsPlanned, milestones }, form: { aiJobsPlanned: jobsText, milestones: formRows } };
}

/** Options of the evidence select: the attachments filed as co-investment evidence. */
export function evidenceOptions(attachments: AttachmentRecord[]) {
  return attachments.filter((attachment) => attachment.category === 'CO_INVESTMENT_EVIDENCE').map((attachment) => ({ id: attachment.id, name: attachment.originalName }));
}
