import { priorityScore } from './priority-score';
import {
  Rule,
  amountWithinCeiling,
  balancedBudget,
  neqIdentified,
  oneActiveFilePerEnterprise,
  openTargetRegion,
  prioritySector,
  privateCoInvestment,
  smallOrMediumEnterprise,
} from './rules';
import { RuleId, Screening, ScreeningInput, ScreeningOutcome, ScreeningSettings } from './screening.types';

/**
 * Rule sets by version. A stored screening names its version; a new version is added beside
 * the old one (never edited in place) so earlier screenings can still be re-explained.
 */
export interface RuleSet {
  version: string;
  rules: readonly Rule[];
}

export const RULE_SET_2026_1: RuleSet = {
  version: '2026.1',
  rules: [neqIdentified, smallOrMediumEnterprise, openTargetRegion, prioritySector, amountWithinCeiling, privateCoInvestment, balancedBudget, oneActiveFilePerEnterprise],
};

export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map([[RULE_SET_2026_1.version, RULE_SET_2026_1]]);
export const CURRENT_RULE_SET_VERSION = RULE_SET_2026_1.version;

export class UnknownRuleSetError extends Error {
  constructor(readonly version: string) {
    super(`Unknown eligibility rule set: ${version}`);
  }
}

/** Runs every rule and the score; the outcome is ELIGIBLE only when every rule passes. */
export function screen(input: ScreeningInput, settings: ScreeningSettings, version = CURRENT_RULE_SET_VERSION): Screening {
  const ruleSet = RULE_SETS.get(version);
  if (!ruleSet) throw new UnknownRuleSetError(version);
  const results = ruleSet.rules.map((rule) => rule(input, settings));
  const failed = results.filter((result) => result.verdict === 'FAIL').map((result) => result.ruleId);
  const toReview = results.filter((result) => result.verdict === 'NEEDS_REVIEW').map((result) => result.ruleId);
  const outcome: ScreeningOutcome = failed.length > 0 ? 'INELIGIBLE' : toReview.length > 0 ? 'NEEDS_REVIEW' : 'ELIGIBLE';
  const decidingRules: RuleId[] = failed.length > 0 ? failed : toReview;
  return { ruleSetVersion: ruleSet.version, outcome, results, score: priorityScore(input, settings), decidingRules };
}
