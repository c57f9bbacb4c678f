import fc from 'fast-check';
import { Criterion, GridError, assertValidGrid, reviewTotalTenths, reviewsState, suggestedRecommendation } from './review-grid';

/** fund-rules.md §6 defaults. */
const GRID: Criterion[] = [
  { code: 'AI_INNOVATION', labelFr: 'Innovation en IA', labelEn: 'AI innovation', weight: 20 },
  { code: 'TECHNICAL_FEASIBILITY', labelFr: 'Faisabilité technique', labelEn: 'Technical feasibility', weight: 20 },
  { code: 'TEAM_CAPACITY', labelFr: 'Capacité de l’équipe', labelEn: 'Team capacity', weight: 20 },
  { code: 'ECONOMIC_IMPACT_AND_JOBS', labelFr: 'Retombées économiques et emplois', labelEn: 'Economic impact and jobs', weight: 25 },
  { code: 'RESPONSIBLE_AI_AND_DATA', labelFr: 'IA responsable et données', labelEn: 'Responsible AI and data', weight: 15 },
];
const scoresOf = (values: number[]) => Object.fromEntries(GRID.map((criterion, index) => [criterion.code, values[index]]));

describe(reviewTotalTenths.name, () => {
  it('gives 100 for all fives, 0 for all zeros, and weighs each criterion', () => {
    expect(reviewTotalTenths(GRID, scoresOf([5, 5, 5, 5, 5]))).toBe(1000);
    expect(reviewTotalTenths(GRID, scoresOf([0, 0, 0, 0, 0]))).toBe(0);
    // 20×4/5 + 20×3/5 + 20×5/5 + 25×2/5 + 15×1/5 = 16 + 12 + 20 + 10 + 3 = 61
    expect(reviewTotalTenths(GRID, scoresOf([4, 3, 5, 2, 1]))).toBe(610);
  });

  it('stays a whole number of tenths within 0–100 and grows with every score', () => {
    const score = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(fc.array(score, { minLength: 5, maxLength: 5 }), fc.nat({ max: 4 }), (values, index) => {
        const total = reviewTotalTenths(GRID, scoresOf(values));
        expect(Number.isInteger(total) && total >= 0 && total <= 1000).toBe(true);
        if (values[index] < 5) {
          const better = [...values];
          better[index] += 1;
          expect(reviewTotalTenths(GRID, scoresOf(better))).toBeGreaterThan(total);
        }
      }),
    );
  });

  it.each([[[6, 5, 5, 5, 5]], [[-1, 5, 5, 5, 5]], [[2.5, 5, 5, 5, 5]]])('refuses a score outside 0–5 or not whole: %p', (values) => {
    expect(() => reviewTotalTenths(GRID, scoresOf(values))).toThrow(GridError);
  });

  it('refuses a missing or an unknown criterion', () => {
    const { AI_INNOVATION: _dropped, ...missing } = scoresOf([5, 5, 5, 5, 5]);
    expect(() => reviewTotalTenths(GRID, missing)).toThrow(GridError);
    expect(() => reviewTotalTenths(GRID, { ...scoresOf([5, 5, 5, 5, 5]), CHARM: 5 })).toThrow(GridError);
  });
});

describe(reviewsState.name, () => {
  it('needs two reviews, and a third when they differ by more than 20 points (not exactly 20)', () => {
    expect(reviewsState([700])).toMatchObject({ sufficient: false, thirdReviewNeeded: false });
    expect(reviewsState([700, 500])).toMatchObject({ sufficient: true, thirdReviewNeeded: false, meanTenths: 600 });
    expect(reviewsState([700, 499])).toMatchObject({ sufficient: false, thirdReviewNeeded: true });
    expect(reviewsState([700, 499, 650])).toMatchObject({ sufficient: true, thirdReviewNeeded: true, meanTenths: 616 });
    expect(reviewsState([])).toMatchObject({ sufficient: false, meanTenths: null });
  });

  it('reads the divergence limit from the settings', () => {
    expect(reviewsState([700, 590], 10)).toMatchObject({ thirdReviewNeeded: true });
  });
});

describe(assertValidGrid.name, () => {
  it('accepts the default grid and refuses weights that do not sum to 100 or repeated criteria', () => {
    expect(() => assertValidGrid(GRID)).not.toThrow();
    expect(() => assertValidGrid(GRID.slice(1))).toThrow(GridError);
    expect(() => assertValidGrid([...GRID.slice(0, 4), { ...GRID[0], weight: 15 }])).toThrow(GridError);
  });
});

describe(suggestedRecommendation.name, () => {
  it('suggests approval from the threshold up, and decline one tenth below it', () => {
    expect(suggestedRecommendation(600)).toBe('APPROVE');
    expect(suggestedRecommendation(599)).toBe('DECLINE');
    expect(suggestedRecommendation(1000)).toBe('APPROVE');
    expect(suggestedRecommendation(0)).toBe('DECLINE');
    expect(suggestedRecommendation(700, 75)).toBe('DECLINE');
  });
});
