/**
 * The review grid (fund-rules.md §6): criteria weighted in whole points summing to 100, each
 * scored 0–5 by a reviewer. Pure functions, so the API, the portal and the tests share them.
 */
export interface Criterion {
  code: string;
  labelFr: string;
  labelEn: string;
  /** Points of the 100 this criterion is worth. */
  weight: number;
}

export const MAX_CRITERION_SCORE = 5;
/** Two reviews whose totals differ by more than this call for a third (a setting; fund-rules §6 default). */
export const DEFAULT_DIVERGENCE_POINTS = 20;

export class GridError extends Error {}

/** A review's total out of 100, in tenths (exact: weight × score × 2 tenths per criterion). */
export function reviewTotalTenths(grid: readonly Criterion[], scores: Readonly<Record<string, number>>): number {
  const unknown = Object.keys(scores).filter((code) => !grid.some((criterion) => criterion.code === code));
  if (unknown.length > 0) throw new GridError(`Unknown criteria: ${unknown.join(', ')}`);
  return grid.reduce((sum, criterion) => {
    const score = scores[criterion.code];
    if (!Number.isInteger(score) || score < 0 || score > MAX_CRITERION_SCORE) throw new GridError(`${criterion.code} needs a whole score from 0 to ${MAX_CRITERION_SCORE}`);
    return sum + (criterion.weight * score * 100) / MAX_CRITERION_SCORE / 10;
  }, 0);
}

export interface ReviewsState {
  /** Reviews received so far. */
  count: number;
  /** Whether the reviews received allow a recommendation. */
  sufficient: boolean;
  /** The first two totals differ by more than the divergence limit. */
  thirdReviewNeeded: boolean;
  /** Mean of the totals, in tenths (rounded half up), or null before any review. */
  meanTenths: number | null;
}

/** At least two reviews; a third when the first two differ by more than `divergencePoints`. */
export function reviewsState(totalsTenths: readonly number[], divergencePoints = DEFAULT_DIVERGENCE_POINTS): ReviewsState {
  const count = totalsTenths.length;
  const thirdReviewNeeded = count >= 2 && Math.abs(totalsTenths[0] - totalsTenths[1]) > divergencePoints * 10;
  const sufficient = count >= 2 && (!thirdReviewNeeded || count >= 3);
  const meanTenths = count === 0 ? null : Math.round(totalsTenths.reduce((sum, total) => sum + total, 0) / count);
  return { count, sufficient, thirdReviewNeeded, meanTenths };
}

/** The grid's weights must be whole, non-negative and sum to 100; codes unique. */
export function assertValidGrid(grid: readonly Criterion[]): void {
  const codes = new Set(grid.map((criterion) => criterion.code));
  const sum = grid.reduce((total, criterion) => total + criterion.weight, 0);
  if (codes.size !== grid.length || sum !== 100 || grid.some((criterion) => !Number.isInteger(criterion.weight) || criterion.weight < 0)) {
    throw new GridError('A review grid needs unique criteria with whole weights summing to 100');
  }
}

export type RecommendationKind = 'APPROVE' | 'DECLINE';

/** Our default: a mean review score of 60 / 100 or more suggests approval (a setting). */
export const DEFAULT_APPROVAL_THRESHOLD_POINTS = 60;

/** The recommendation the reviews suggest: approve at or above the threshold, decline below it. */
export function suggestedRecommendation(meanTenths: number, thresholdPoints = DEFAULT_APPROVAL_THRESHOLD_POINTS): RecommendationKind {
  return meanTenths >= thresholdPoints * 10 ? 'APPROVE' : 'DECLINE';
}
