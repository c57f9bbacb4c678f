import { FieldProblem, Locale } from '@fa/shared';
import type { ProgramSettingsDocument } from '@fa/administration';
import { INVALID, dollarsText, parseDate, parseDollars, parseWholeNumber } from '../intake/form-input';
import { formText } from '../form-values';
import { FormProblem } from '../intake/form-problems';

export type { FormProblem };

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Kind = 'money' | 'hundredths' | 'whole' | 'date' | 'optionalDate' | 'optionalWhole' | 'megabytes' | 'shares';

/** One input of the settings form: its name is the document's path, so the domain's problems land on it. */
interface Field {
  path: string;
  kind: Kind;
  label: string;
  hint?: string;
}


/** What an input is called in the page: the path with its punctuation made safe for an id. */
export const inputId = (path: string) => `setting-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The score's weights in the order fund-rules §5 lists them (a stored document's keys come back in jsonb's order). */
const WEIGHTS = ['leverage', 'jobs', 'useCaseFit', 'readiness', 'regionWave', 'duration'];

/** The document's scalar fields, by section, as the form shows them. */
function scalarSections(t: Translate): { title: string; fields: Field[] }[] {
  const f = (path: string, kind: Kind, key: string, hint?: string): Field => ({ path, kind, label: t(`programSettings.fields.${key}`), hint: hint ? t(`programSettings.hints.${hint}`) : undefined });
  return [
    { title: t('programSettings.sections.money'), fields: [f('envelopeCents', 'money', 'envelope', 'envelope'), f('grantCeilingCents', 'money', 'ceiling'), f('coInvestmentRatioBps', 'hundredths', 'ratio', 'ratio'), f('intakeOpensOn', 'date', 'intakeOpensOn'), f('intakeClosesOn', 'optionalDate', 'intakeClosesOn', 'optional')] },
    {
      title: t('programSettings.sections.screening'),
      fields: [
        f('screening.smeMinEmployees', 'whole', 'smeMinEmployees'), f('screening.smeMaxEmployees', 'whole', 'smeMaxEmployees'), f('screening.leverageCapBps', 'hundredths', 'leverageCap', 'leverageCap'),
        f('screening.fullScoreJobsPer100kHundredths', 'hundredths', 'jobsPer100k'), f('screening.fullScoreDurationMonths', 'whole', 'durationMonths'),
        ...WEIGHTS.map((name) => f(`screening.weights.${name}`, 'whole', `weights.${name}`, name === 'leverage' ? 'weights' : undefined)),
        f('screening.attachmentMaxBytes', 'megabytes', 'attachmentMaxMegabytes'), f('screening.attachmentMaxCount', 'whole', 'attachmentMaxCount'),
      ],
    },
    { title: t('programSettings.sections.review'), fields: [f('review.divergencePoints', 'whole', 'divergencePoints'), f('review.approvalThresholdPoints', 'whole', 'approvalThreshold')] },
    { title: t('programSettings.sections.agreements'), fields: [f('agreements.trancheBps', 'shares', 'tranches', 'tranches'), f('agreements.reminderDaysBefore', 'whole', 'reminderDays')] },
  ];
}

function valueAt(document: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

function setAt(document: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, document as Record<string, unknown>);
  parent[keys[keys.length - 1]] = value;
}

/** A value as a person reads and types it back. */
function display(kind: Kind, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money' || kind === 'hundredths') return dollarsText(Number(value), locale);
  if (kind === 'megabytes') return String(Math.round(Number(value) / 1_048_576));
  if (kind === 'shares') return (value as number[]).map((bps) => dollarsText(bps, locale).replace(/[,.]00$/, '')).join(' / ');
  return String(value);
}

/** What the form sends for a field, as the document keeps it; undefined and a problem when it cannot be read. */
function parse(kind: Kind, text: string): { value: unknown } | { problem: string } {
  switch (kind) {
    case 'money':
    case 'hundredths': {
      const cents = parseDollars(text, 'fr');
      return cents === null || cents === INVALID ? { problem: 'number' } : { value: cents };
    }
    case 'whole':
    case 'optionalWhole': {
      const value = parseWholeNumber(text, 0, 100_000_000);
      if (value === null) return kind === 'optionalWhole' ? { value: null } : { problem: 'required' };
      return value === INVALID ? { problem: 'whole' } : { value };
    }
    case 'megabytes': {
      const value = parseWholeNumber(text, 1, 100);
      return value === null || value === INVALID ? { problem: 'whole' } : { value: value * 1_048_576 };
    }
    case 'date':
    case 'optionalDate': {
      const value = parseDate(text);
      if (value === null) return kind === 'optionalDate' ? { value: null } : { problem: 'required' };
      return value === INVALID ? { problem: 'date' } : { value };
    }
    case 'shares': {
      const parts = text.split('/').map((part) => parseDollars(part.trim(), 'fr'));
      return parts.length === 0 || parts.some((part) => part === null || part === INVALID) ? { problem: 'shares' } : { value: parts as number[] };
    }
  }
}

/** The hundredths kinds keep basis points in the document: 1 (1:1) is 100 hundredths, 10000 bps. */
const BPS_PER_HUNDREDTH: Partial<Record<string, number>> = { coInvestmentRatioBps: 100, 'screening.leverageCapBps': 100 };

/** The form's model: every section with its inputs, the waves, the regions' waves, the targets' grid. */
export function settingsFormModel(document: ProgramSettingsDocument, values: Record<string, string> | null, problems: FormProblem[], regions: { code: string; name: string }[], locale: Locale, t: Translate) {
  const errorOf = (name: string) => problems.find((problem) => problem.field === name)?.message ?? null;
  const valueOf = (name: string, kind: Kind, stored: unknown) => values?.[name] ?? display(kind, BPS_PER_HUNDREDTH[name] && typeof stored === 'number' ? stored / BPS_PER_HUNDREDTH[name]! : stored, locale);
  const input = (name: string, kind: Kind, label: string, stored: unknown, hint?: string) => ({ id: inputId(name), name, label, hint: hint ?? null, value: valueOf(name, kind, stored), error: errorOf(name), date: kind === 'date' || kind === 'optionalDate' });
  const waveOf = new Map(document.waves.flatMap((wave) => wave.regionCodes.map((code) => [code, wave.waveNumber] as const)));
  const targetRegions = regions.filter((region) => waveOf.has(region.code));
  return {
    sections: scalarSections(t).map((section) => ({ title: section.title, fields: section.fields.map((field) => input(field.path, field.kind, field.label, valueAt(document, field.path), field.hint)) })),
    waves: document.waves.map((wave, index) => input(`waves.${index}.opensOn`, 'date', t('programSettings.fields.waveOpensOn', { wave: wave.waveNumber, name: locale === 'fr' ? wave.nameFr : wave.nameEn }), wave.opensOn)),
    regions: regions.map((region) => ({
      id: inputId(`region.${region.code}`), name: `region.${region.code}`, label: `${region.name} (${region.code})`, error: errorOf(`region.${region.code}`),
      options: [{ value: '', label: t('programSettings.notATarget') }, ...document.waves.map((wave) => ({ value: String(wave.waveNumber), label: t('programSettings.waveOption', { wave: wave.waveNumber }) }))].map((option) => ({
        ...option, selected: (values?.[`region.${region.code}`] ?? String(waveOf.get(region.code) ?? '')) === option.value,
      })),
    })),
    targets: document.targets.map((target, index) => ({
      label: locale === 'fr' ? target.labelFr : target.labelEn,
      smes: input(`targets.${index}.smesFunded`, 'optionalWhole', t('programSettings.fields.targetSmes', { period: locale === 'fr' ? target.labelFr : target.labelEn }), target.smesFunded),
      jobs: input(`targets.${index}.aiJobs`, 'optionalWhole', t('programSettings.fields.targetJobs', { period: locale === 'fr' ? target.labelFr : target.labelEn }), target.aiJobs),
    })),
    regionalTargets: targetRegions.map((region) => ({
      name: region.name,
      cells: document.targets.map((target, index) => {
        const regional = target.regions.find((row) => row.regionCode === region.code);
        const period = locale === 'fr' ? target.labelFr : target.labelEn;
        return {
          smes: input(`targets.${index}.region.${region.code}.smesFunded`, 'optionalWhole', t('programSettings.fields.regionalSmes', { period, region: region.name }), regional?.smesFunded ?? null),
          jobs: input(`targets.${index}.region.${region.code}.aiJobs`, 'optionalWhole', t('programSettings.fields.regionalJobs', { period, region: region.name }), regional?.aiJobs ?? null),
        };
      }),
    })),
  };
}

/** The document the form describes (built on the one in force), or the fields it could not read. */
export function readSettingsForm(
  body: Record<string, unknown>, current: ProgramSettingsDocument, regionNames: Map<string, string>, locale: Locale, t: Translate,
): { document: ProgramSettingsDocument; values: Record<string, string>; problems: FormProblem[] } {
  const named = (fr: string, en: string) => (locale === 'fr' ? fr : en);
  const document = structuredClone(current);
  const values: Record<string, string> = {};
  const problems: FormProblem[] = [];
  const read = (name: string, kind: Kind, label: string, apply: (value: unknown) => void) => {
    values[name] = formText(body?.[name]);
    const parsed = parse(kind, values[name]);
    if ('problem' in parsed) problems.push({ field: name, message: t(`programSettings.problems.${parsed.problem}`, { field: label }) });
    else apply(parsed.value);
  };
  for (const section of scalarSections(t)) {
    for (const field of section.fields) read(field.path, field.kind, field.label, (value) => setAt(document, field.path, BPS_PER_HUNDREDTH[field.path] ? Number(value) * BPS_PER_HUNDREDTH[field.path]! : value));
  }
  document.waves.forEach((wave, index) => read(`waves.${index}.opensOn`, 'date', t('programSettings.fields.waveOpensOn', { wave: wave.waveNumber, name: named(wave.nameFr, wave.nameEn) }), (value) => (wave.opensOn = value as string)));
  const assignments = Object.keys(body).filter((name) => /^region\.\d{2}$/.test(name));
  if (assignments.length > 0) {
    for (const wave of document.waves) wave.regionCodes = [];
    for (const name of assignments) {
      values[name] = formText(body[name]);
      const wave = document.waves.find((candidate) => String(candidate.waveNumber) === values[name]);
      if (wave) wave.regionCodes.push(name.slice('region.'.length));
    }
  }
  const targetRegions = document.waves.flatMap((wave) => wave.regionCodes);
  document.targets.forEach((target, index) => {
    const period = named(target.labelFr, target.labelEn);
    read(`targets.${index}.smesFunded`, 'optionalWhole', t('programSettings.fields.targetSmes', { period }), (value) => (target.smesFunded = value as number | null));
    read(`targets.${index}.aiJobs`, 'optionalWhole', t('programSettings.fields.targetJobs', { period }), (value) => (target.aiJobs = value as number | null));
    const regional: ProgramSettingsDocument['targets'][number]['regions'] = [];
    for (const region of targetRegions) {
      const row = { regionCode: region, smesFunded: null as number | null, aiJobs: null as number | null };
      const base = `targets.${index}.region.${region}`;
      if (body[`${base}.smesFunded`] === undefined && body[`${base}.aiJobs`] === undefined) {
        // A region made a target in this very change has no inputs yet: it keeps what it had (nothing).
        const kept = target.regions.find((existing) => existing.regionCode === region);
        if (kept) regional.push(kept);
        continue;
      }
      const regionName = regionNames.get(region) ?? region;
      read(`${base}.smesFunded`, 'optionalWhole', t('programSettings.fields.regionalSmes', { period, region: regionName }), (value) => (row.smesFunded = value as number | null));
      read(`${base}.aiJobs`, 'optionalWhole', t('programSettings.fields.regionalJobs', { period, region: regionName }), (value) => (row.aiJobs = value as number | null));
      if (row.smesFunded !== null || row.aiJobs !== null) regional.push(row);
    }
    target.regions = regional;
  });
  return { document, values, problems };
}

/**
 * The domain's problems (dotted paths of the document) at the form's inputs: a regional
 * target's index becomes its region's input, a whole list's problem goes to its first input.
 */
export function problemsAtInputs(problems: FieldProblem[], document: ProgramSettingsDocument, t: Translate): FormProblem[] {
  return problems.map((problem) => {
    const { rule, params } = problem as FieldProblem & { rule?: string; params?: Record<string, unknown> };
    const message = rule ? t(`programSettings.rules.${rule}`, params) : t('programSettings.problems.domain', { field: problem.field, problem: problem.problems.join('; ') });
    const regional = /^targets\[(\d+)\]\.regions\[(\d+)\](?:\.(smesFunded|aiJobs))?/.exec(problem.field);
    if (regional) {
      const region = document.targets[Number(regional[1])]?.regions[Number(regional[2])]?.regionCode;
      return { field: `targets.${regional[1]}.region.${region}.${regional[3] ?? 'smesFunded'}`, message };
    }
    // A problem of a whole target (neither figure set) is shown at its first figure; a region's, at that region's select.
    const region = typeof params?.region === 'string' ? params.region : null;
    const field = problem.field
      .replace(/^targets\[(\d+)\]$/, 'targets[$1].smesFunded')
      .replace(/^screening\.weights$/, 'screening.weights.leverage')
      .replace(/^waves(\[\d+\])?(\.regionCodes)?$/, `region.${region ?? document.waves[0]?.regionCodes[0] ?? '06'}`)
      .replace(/\[(\d+)\]/g, '.$1');
    return { field, message };
  });
}
