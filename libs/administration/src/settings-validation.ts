import { FieldProblem, isCalendarDay, isCents } from '@fa/shared';
import { ProgramSettingsDocument } from './program-settings-document';

/** fund-rules.md §2: the fund rolls out over ten target regions. */
export const TARGET_REGION_COUNT = 10;
const REGION = /^(0[1-9]|1[0-7])$/;

/** Which rule a problem breaks: pages say it in the reader's language (`programSettings.rules.<rule>`). */
export type SettingsRule =
  | 'shape' | 'positive' | 'ceilingAboveEnvelope' | 'range' | 'date' | 'closesBeforeOpening' | 'weights' | 'tranches' | 'waveNumber' | 'text' | 'waveOrder'
  | 'region' | 'regionTwice' | 'regionCount' | 'periodCode' | 'periodTwice' | 'endsBeforeStart' | 'oneFigure' | 'notTarget';

/** A field's problem: the English words of the API, and the rule with its figures. */
export interface SettingsProblem extends FieldProblem {
  rule: SettingsRule;
  params: Record<string, unknown>;
}
const PERIOD = /^[A-Z0-9_]{2,20}$/;


/** The score's six weights, by name (fund-rules.md §5). */
const WEIGHT_NAMES = ['leverage', 'jobs', 'useCaseFit', 'readiness', 'regionWave', 'duration'];

const isWhole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;

/**
 * Everything wrong with a settings document, field by field (dotted paths), before anything is
 * written; the database's CHECKs would refuse most of these too, with less helpful words.
 */
export function settingsProblems(document: ProgramSettingsDocument): SettingsProblem[] {
  const shape = shapeProblems(document);
  if (shape.length > 0) return shape;
  const problems: SettingsProblem[] = [];
  const add = (field: string, problem: string, code: SettingsRule, params: Record<string, unknown> = {}) => problems.push({ field, problems: [problem], rule: code, params });
  const whole = (field: string, value: unknown, min: number, max: number) => {
    if (!isWhole(value, min, max)) add(field, `a whole number from ${min} to ${max}`, 'range', { min, max });
  };

  if (!isCents(document.envelopeCents) || document.envelopeCents <= 0) add('envelopeCents', 'a positive whole number of cents', 'positive');
  if (!isCents(document.grantCeilingCents) || document.grantCeilingCents <= 0) add('grantCeilingCents', 'a positive whole number of cents', 'positive');
  else if (isCents(document.envelopeCents) && document.grantCeilingCents > document.envelopeCents) add('grantCeilingCents', 'at most the envelope', 'ceilingAboveEnvelope');
  whole('coInvestmentRatioBps', document.coInvestmentRatioBps, 1, 100_000);
  if (!isCalendarDay(document.intakeOpensOn)) add('intakeOpensOn', 'a date written YYYY-MM-DD', 'date');
  if (document.intakeClosesOn !== null && !isCalendarDay(document.intakeClosesOn)) add('intakeClosesOn', 'a date written YYYY-MM-DD, or null', 'date');
  else if (document.intakeClosesOn !== null && isCalendarDay(document.intakeOpensOn) && document.intakeClosesOn < document.intakeOpensOn) add('intakeClosesOn', 'on or after intakeOpensOn', 'closesBeforeOpening');

  const screening = document.screening;
  whole('screening.smeMinEmployees', screening.smeMinEmployees, 1, 1_000_000);
  whole('screening.smeMaxEmployees', screening.smeMaxEmployees, Math.max(1, screening.smeMinEmployees || 1), 1_000_000);
  whole('screening.leverageCapBps', screening.leverageCapBps, 1, 1_000_000);
  whole('screening.fullScoreJobsPer100kHundredths', screening.fullScoreJobsPer100kHundredths, 1, 1_000_000);
  whole('screening.fullScoreDurationMonths', screening.fullScoreDurationMonths, 1, 120);
  whole('screening.attachmentMaxBytes', screening.attachmentMaxBytes, 1024, 104_857_600);
  whole('screening.attachmentMaxCount', screening.attachmentMaxCount, 1, 200);
  const weights = Object.entries(screening.weights ?? {});
  for (const [name, weight] of weights) whole(`screening.weights.${name}`, weight, 0, 100);
  const named = weights.length === WEIGHT_NAMES.length && WEIGHT_NAMES.every((name) => name in screening.weights);
  if (!named || weights.reduce((sum, [, weight]) => sum + (Number(weight) || 0), 0) !== 100) add('screening.weights', `six weights (${WEIGHT_NAMES.join(', ')}) adding up to 100`, 'weights');

  whole('review.divergencePoints', document.review.divergencePoints, 1, 100);
  whole('review.approvalThresholdPoints', document.review.approvalThresholdPoints, 0, 100);

  const tranches = document.agreements.trancheBps;
  if (!Array.isArray(tranches) || tranches.length < 1 || tranches.length > 12 || !tranches.every((share) => isWhole(share, 1, 10_000)) || tranches.reduce((sum, share) => sum + share, 0) !== 10_000) {
    add('agreements.trancheBps', 'one to twelve positive shares in basis points adding up to 10000 (100 %)', 'tranches');
  }
  whole('agreements.reminderDaysBefore', document.agreements.reminderDaysBefore, 1, 90);

  const regions = new Set<string>();
  document.waves.forEach((wave, index) => {
    const at = `waves[${index}]`;
    if (wave.waveNumber !== index + 1) add(`${at}.waveNumber`, `waves are numbered 1, 2, 3… in order: ${index + 1} here`, 'waveNumber', { expected: index + 1 });
    if (!isText(wave.nameFr, 120)) add(`${at}.nameFr`, 'a name of 1 to 120 characters', 'text');
    if (!isText(wave.nameEn, 120)) add(`${at}.nameEn`, 'a name of 1 to 120 characters', 'text');
    if (!isCalendarDay(wave.opensOn)) add(`${at}.opensOn`, 'a date written YYYY-MM-DD', 'date');
    else if (index > 0 && isCalendarDay(document.waves[index - 1].opensOn) && wave.opensOn < document.waves[index - 1].opensOn) add(`${at}.opensOn`, 'on or after the previous wave’s opening', 'waveOrder');
    for (const code of wave.regionCodes ?? []) {
      if (typeof code !== 'string' || !REGION.test(code)) add(`${at}.regionCodes`, `${String(code)} is not a region code (01 to 17)`, 'region', { region: String(code) });
      else if (regions.has(code)) add(`${at}.regionCodes`, `region ${code} is in two waves`, 'regionTwice', { region: code });
      regions.add(code);
    }
  });
  if (regions.size !== TARGET_REGION_COUNT) add('waves', `${TARGET_REGION_COUNT} target regions in all, ${regions.size} given`, 'regionCount', { expected: TARGET_REGION_COUNT, given: regions.size });

  const periods = new Set<string>();
  document.targets.forEach((target, index) => {
    const at = `targets[${index}]`;
    if (typeof target.periodCode !== 'string' || !PERIOD.test(target.periodCode)) add(`${at}.periodCode`, 'capitals, digits and _ (2 to 20)', 'periodCode');
    else if (periods.has(target.periodCode)) add(`${at}.periodCode`, `period ${target.periodCode} is given twice`, 'periodTwice', { period: target.periodCode });
    periods.add(target.periodCode);
    if (!isText(target.labelFr, 120)) add(`${at}.labelFr`, 'a label of 1 to 120 characters', 'text');
    if (!isText(target.labelEn, 120)) add(`${at}.labelEn`, 'a label of 1 to 120 characters', 'text');
    if (!isCalendarDay(target.startsOn)) add(`${at}.startsOn`, 'a date written YYYY-MM-DD', 'date');
    if (!isCalendarDay(target.endsOn) || (isCalendarDay(target.startsOn) && target.endsOn <= target.startsOn)) add(`${at}.endsOn`, 'a date after startsOn', 'endsBeforeStart');
    for (const [name, value] of [['smesFunded', target.smesFunded], ['aiJobs', target.aiJobs]] as const) {
      if (value !== null && !isWhole(value, 0, 1_000_000)) add(`${at}.${name}`, 'a whole number from 0, or null', 'range', { min: 0, max: 1_000_000 });
    }
    if (target.smesFunded === null && target.aiJobs === null) add(at, 'at least one of smesFunded and aiJobs', 'oneFigure');
    const seen = new Set<string>();
    (target.regions ?? []).forEach((regional, regionIndex) => {
      const where = `${at}.regions[${regionIndex}]`;
      if (!regions.has(regional.regionCode)) add(`${where}.regionCode`, `${String(regional.regionCode)} is not a target region`, 'notTarget', { region: String(regional.regionCode) });
      else if (seen.has(regional.regionCode)) add(`${where}.regionCode`, `region ${regional.regionCode} is given twice`, 'regionTwice', { region: regional.regionCode });
      seen.add(regional.regionCode);
      for (const [name, value] of [['smesFunded', regional.smesFunded], ['aiJobs', regional.aiJobs]] as const) {
        if (value !== null && !isWhole(value, 0, 1_000_000)) add(`${where}.${name}`, 'a whole number from 0, or null', 'range', { min: 0, max: 1_000_000 });
      }
      if (regional.smesFunded === null && regional.aiJobs === null) add(where, 'at least one of smesFunded and aiJobs', 'oneFigure');
    });
  });
  return problems;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document's parts are there, with the right kinds, before their values are looked at. */
function shapeProblems(document: unknown): SettingsProblem[] {
  const shape = (field: string, problem: string): SettingsProblem => ({ field, problems: [problem], rule: 'shape', params: {} });
  if (!isObject(document)) return [shape('settings', 'the whole settings document, as GET …/settings gives it')];
  const problems: SettingsProblem[] = [];
  for (const part of ['screening', 'review', 'agreements'] as const) if (!isObject(document[part])) problems.push(shape(part, 'an object'));
  if (isObject(document.screening) && !isObject(document.screening.weights)) problems.push(shape('screening.weights', 'an object of six weights'));
  for (const list of ['waves', 'targets'] as const) {
    if (!Array.isArray(document[list]) || !(document[list] as unknown[]).every(isObject)) problems.push(shape(list, 'a list of objects'));
  }
  if (Array.isArray(document.waves) && (document.waves as unknown[]).some((wave) => isObject(wave) && !Array.isArray(wave.regionCodes))) problems.push(shape('waves', 'each wave with its regionCodes list'));
  if (Array.isArray(document.targets) && (document.targets as unknown[]).some((target) => isObject(target) && !(Array.isArray(target.regions) && target.regions.every(isObject)))) {
    problems.push(shape('targets', 'each target with its regions list (possibly empty)'));
  }
  return problems;
}
