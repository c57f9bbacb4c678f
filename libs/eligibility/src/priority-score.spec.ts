import fc from 'fast-check';
import { priorityScore } from './priority-score';
import { aScreeningInput, fa2026Settings } from './screening.fixtures';
import { PriorityScore, ScoreFactorId, ScoreWeights, ScreeningInput } from './screening.types';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const settings = fa2026Settings();
const FACTORS: ScoreFactorId[] = ['leverage', 'jobs', 'useCaseFit', 'readiness', 'regionWave', 'duration'];

const REGION_CODES = Array.from({ length: 17 }, (_, index) => String(index + 1).padStart(2, '0'));
const SECTOR_CODES = ['MANUFACTURING_ROBOTICS', 'CONSTRUCTION_AI', 'HEALTH_AI', 'RETAIL_AI'];
const USE_CASE_CODES = settings.sectors.flatMap((sector) => sector.useCaseCodes);

/** What an applicant can declare, in realistic ranges; 0 requested included on purpose. */
const aValidInput: fc.Arbitrary<ScreeningInput> = fc
  .record({
    amountRequestedCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000_000 })),
    privateDeclaredCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500_000_000 })),
    aiJobsPlanned: fc.integer({ min: 0, max: 200 }),
    dataAvailable: fc.boolean(),
    mlStaffInPlace: fc.boolean(),
    researchPartnerCount: fc.integer({ min: 0, max: 5 }),
    durationMonths: fc.integer({ min: 0, max: 60 }),
    regionCode: fc.constantFrom(...REGION_CODES),
    sectorCode: fc.constantFrom(...SECTOR_CODES),
    useCaseCode: fc.constantFrom(null, ...USE_CASE_CODES),
  })
  .map((fields) => aScreeningInput(fields));

function factor(score: PriorityScore, id: ScoreFactorId) {
  const found = score.factors.find((candidate) => candidate.factor === id);
  if (!found) throw new Error(`no factor ${id}`);
  return found;
}

function expectWellFormed(score: PriorityScore, weights: ScoreWeights) {
  expect(score.factors.map((candidate) => candidate.factor)).toEqual(FACTORS);
  for (const candidate of score.factors) {
    expect(candidate.maxPoints).toBe(weights[candidate.factor]);
    expect(Number.isInteger(candidate.pointsTenths)).toBe(true);
    expect(candidate.pointsTenths).toBeGreaterThanOrEqual(0);
    expect(candidate.pointsTenths).toBeLessThanOrEqual(candidate.maxPoints * 10);
  }
  const tenths = score.factors.reduce((sum, candidate) => sum + candidate.pointsTenths, 0);
  expect(score.total).toBe(tenths / 10);
}

describe(priorityScore.name, () => {
  const sut = priorityScore;

  describe('properties', () => {
    it('stays within 0–100 and is the sum of its factors, each within 0 and its weight', () => {
      fc.assert(
        fc.property(aValidInput, (input) => {
          const score = sut(input, settings);
          expectWellFormed(score, settings.weights);
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(100);
        }),
      );
    });

    it('stays well formed for amounts far beyond any grant, up to the largest safe integer', () => {
      const huge = fc.record({
        amountRequestedCents: fc.maxSafeNat(),
        privateDeclaredCents: fc.maxSafeNat(),
        aiJobsPlanned: fc.integer({ min: 0, max: 1_000_000 }),
      });
      fc.assert(
        fc.property(huge, (fields) => {
          const score = sut(aScreeningInput(fields), settings);
          expectWellFormed(score, settings.weights);
          expect(score.total).toBeLessThanOrEqual(100);
        }),
      );
    });

    it('never exceeds the sum of the weights, whatever the weights', () => {
      const weight = fc.integer({ min: 0, max: 50 });
      const weights = fc.record({ leverage: weight, jobs: weight, useCaseFit: weight, readiness: weight, regionWave: weight, duration: weight });
      fc.assert(
        fc.property(aValidInput, weights, (input, chosen) => {
          const score = sut(input, fa2026Settings({ weights: chosen }));
          expectWellFormed(score, chosen);
          expect(score.total).toBeLessThanOrEqual(Object.values(chosen).reduce((sum, value) => sum + value, 0));
        }),
      );
    });

    it('never falls when more private money is declared, everything else unchanged', () => {
      fc.assert(
        fc.property(aValidInput, fc.integer({ min: 0, max: 500_000_000 }), (input, more) => {
          const before = sut(input, settings);
          const after = sut({ ...input, privateDeclaredCents: input.privateDeclaredCents + more }, settings);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(factor(after, 'leverage').pointsTenths).toBeGreaterThanOrEqual(factor(before, 'leverage').pointsTenths);
        }),
      );
    });

    it('never falls when more AI jobs are planned, everything else unchanged', () => {
      fc.assert(
        fc.property(aValidInput, fc.integer({ min: 0, max: 200 }), (input, more) => {
          const before = sut(input, settings);
          const after = sut({ ...input, aiJobsPlanned: input.aiJobsPlanned + more }, settings);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(factor(after, 'jobs').pointsTenths).toBeGreaterThanOrEqual(factor(before, 'jobs').pointsTenths);
        }),
      );
    });
  });

  describe('examples', () => {
    it('scores the default application 74.9: leverage 1:1 of 3:1 → 8.3, 2 AI jobs per 100 k$ of 3 → 16.6, flagship use case 15, readiness 3 of 3 → 15, wave 1 → 10, 12 months → 10', () => {
      const score = sut(aScreeningInput(), settings);
      expect(score.factors.map((candidate) => [candidate.factor, candidate.pointsTenths])).toEqual([
        ['leverage', 83],
        ['jobs', 166],
        ['useCaseFit', 150],
        ['readiness', 150],
        ['regionWave', 100],
        ['duration', 100],
      ]);
      expect(score.total).toBe(74.9);
    });

    it('scores 100 at 3:1 leverage and 3 AI jobs per 100 k$ (600 000 $ private and 6 jobs for 200 000 $)', () => {
      const input = aScreeningInput({ amountRequestedCents: 20_000_000, privateDeclaredCents: 60_000_000, aiJobsPlanned: 6 });
      expect(sut(input, settings).total).toBe(100);
    });

    it('caps leverage and jobs: 10:1 and 50 jobs per 100 k$ still earn 25 points each', () => {
      const score = sut(aScreeningInput({ privateDeclaredCents: 250_000_000, aiJobsPlanned: 125 }), settings);
      expect(factor(score, 'leverage').pointsTenths).toBe(250);
      expect(factor(score, 'jobs').pointsTenths).toBe(250);
    });

    it('scores 0 with nothing requested, no flagship use case, no readiness, a non-target region and 13 months', () => {
      const input = aScreeningInput({
        amountRequestedCents: 0,
        useCaseCode: null,
        dataAvailable: false,
        mlStaffInPlace: false,
        researchPartnerCount: 0,
        regionCode: '01',
        durationMonths: 13,
      });
      expect(sut(input, settings).total).toBe(0);
    });

    it('gives the later waves a smaller share: wave 2 → 6.6, wave 3 → 3.3 of 10', () => {
      expect(factor(sut(aScreeningInput({ regionCode: '03' }), settings), 'regionWave').pointsTenths).toBe(66);
      expect(factor(sut(aScreeningInput({ regionCode: '16' }), settings), 'regionWave').pointsTenths).toBe(33);
    });

    it('counts readiness by thirds: data only → 5, data and a research partner → 10', () => {
      const dataOnly = aScreeningInput({ mlStaffInPlace: false, researchPartnerCount: 0 });
      const dataAndPartner = aScreeningInput({ mlStaffInPlace: false, researchPartnerCount: 2 });
      expect(factor(sut(dataOnly, settings), 'readiness').pointsTenths).toBe(50);
      expect(factor(sut(dataAndPartner, settings), 'readiness').pointsTenths).toBe(100);
    });

    it('gives no use-case points to a flagship use case of another sector', () => {
      expect(factor(sut(aScreeningInput({ useCaseCode: 'IMAGING_TRIAGE' }), settings), 'useCaseFit').pointsTenths).toBe(0);
      expect(factor(sut(aScreeningInput({ useCaseCode: 'PREDICTIVE_LINE_MAINTENANCE' }), settings), 'useCaseFit').pointsTenths).toBe(150);
    });

    it('gives the duration points up to 12 months inclusive', () => {
      expect(factor(sut(aScreeningInput({ durationMonths: 12 }), settings), 'duration').pointsTenths).toBe(100);
      expect(factor(sut(aScreeningInput({ durationMonths: 13 }), settings), 'duration').pointsTenths).toBe(0);
    });

    it('explains each factor with its figures in both languages', () => {
      const score = sut(aScreeningInput(), settings);
      expect(factor(score, 'leverage').explanation).toEqual({ fr: 'Privé ÷ demandé = 1,00 (points complets à 3,00).', en: 'Private ÷ requested = 1.00 (full points at 3.00).' });
      expect(plain(factor(score, 'jobs').explanation.fr)).toBe('5 emplois pour 250 000,00 $ = 2,00 par 100 000 $ (points complets à 3,00).');
      expect(factor(score, 'jobs').explanation.en).toBe('5 jobs for $250,000.00 = 2.00 per $100,000 (full points at 3.00).');
      expect(factor(score, 'regionWave').explanation.en).toBe('Region of wave 1 of 3.');
    });

    it('names the configured duration in the factor label, not a fixed 12 months', () => {
      const score = sut(aScreeningInput({ durationMonths: 18 }), fa2026Settings({ fullScoreDurationMonths: 18 }));
      expect(factor(score, 'duration').pointsTenths).toBe(100);
      expect(factor(score, 'duration').label).toEqual({ fr: 'Réalisation en 18 mois ou moins', en: 'Completed within 18 months' });
      expect(factor(sut(aScreeningInput(), settings), 'duration').label).toEqual({ fr: 'Réalisation en 12 mois ou moins', en: 'Completed within 12 months' });
    });
  });
});
