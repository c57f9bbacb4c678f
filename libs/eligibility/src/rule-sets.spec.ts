import fc from 'fast-check';
import { priorityScore } from './priority-score';
import { CURRENT_RULE_SET_VERSION, RULE_SETS, UnknownRuleSetError, screen } from './rule-sets';
import { aScreeningInput, fa2026Settings } from './screening.fixtures';
import { AiRole, RuleId, ScreeningInput } from './screening.types';

const settings = fa2026Settings();
const RULE_IDS: RuleId[] = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'];

/** Day `offset` after 2026-06-01, as `YYYY-MM-DD`. */
const day = (offset: number) => new Date(Date.UTC(2026, 5, 1 + offset)).toISOString().slice(0, 10);

/** Mostly the value of the default (eligible) application, sometimes anything `other` draws. */
const mostly = <T>(usual: T, other: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });

/*
 * Any application, good or bad: each field is usually the default application's and otherwise
 * drawn so that its rule can pass, fail or (E4, E6) ask for review, often one cent or one day
 * from its boundary. So all three outcomes come up (checked below).
 */
const anyInput: fc.Arbitrary<ScreeningInput> = fc
  .record({
    submittedOn: mostly('2026-11-23', fc.integer({ min: 0, max: 400 }).map(day)),
    neq: mostly('1171234567', fc.oneof(fc.stringMatching(/^[0-9]{9,11}$/), fc.string({ maxLength: 12 }))),
    employees: mostly(40, fc.integer({ min: -1, max: 600 })),
    regionCode: mostly('06', fc.constantFrom(...Array.from({ length: 17 }, (_, index) => String(index + 1).padStart(2, '0')))),
    naicsCode: mostly('332710', fc.constantFrom('311814', '236220', '541330', '621510', '339112', '325410', '541510', '541715', '441110')),
    aiRole: mostly<AiRole>('ADOPTER', fc.constant('SUPPLIER')),
    sectorCode: mostly('MANUFACTURING_ROBOTICS', fc.constantFrom('CONSTRUCTION_AI', 'HEALTH_AI', 'RETAIL_AI')),
    clientSectorCode: mostly<string | null>(null, fc.constantFrom('MANUFACTURING_ROBOTICS', 'CONSTRUCTION_AI', 'HEALTH_AI')),
    useCaseCode: fc.constantFrom(null, 'REALTIME_QUALITY_INSPECTION', 'BIM_CLASH_DETECTION', 'IMAGING_TRIAGE'),
    amountRequestedCents: mostly(25_000_000, fc.integer({ min: -1, max: 50_000_002 })),
    declaredOver: mostly(0, fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -50_000_000, max: 50_000_000 }))),
    unconfirmed: mostly(0, fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 50_000_000 }))),
    otherPublicFundingCents: mostly(0, fc.integer({ min: 0, max: 10_000_000 })),
    budgetOff: mostly(0, fc.oneof(fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1_000_000, max: 1_000_000 }))),
    aiJobsPlanned: fc.integer({ min: 0, max: 50 }),
    dataAvailable: fc.boolean(),
    mlStaffInPlace: fc.boolean(),
    researchPartnerCount: fc.integer({ min: 0, max: 3 }),
    durationMonths: fc.integer({ min: 0, max: 36 }),
    otherActiveFilesForNeq: mostly(0, fc.integer({ min: 1, max: 3 })),
  })
  .map(({ declaredOver, unconfirmed, budgetOff, ...fields }) => {
    const privateDeclaredCents = Math.max(0, fields.amountRequestedCents + declaredOver);
    const privateConfirmedCents = Math.max(0, privateDeclaredCents - unconfirmed);
    const totalProjectCostCents = fields.amountRequestedCents + privateDeclaredCents + fields.otherPublicFundingCents + budgetOff;
    return aScreeningInput({ ...fields, privateDeclaredCents, privateConfirmedCents, totalProjectCostCents });
  });

describe(screen.name, () => {
  const sut = screen;

  it('finds the default application ELIGIBLE under the current rule set 2026.1, with its score', () => {
    const input = aScreeningInput();
    const screening = sut(input, settings);
    expect(screening).toMatchObject({ ruleSetVersion: '2026.1', outcome: 'ELIGIBLE', decidingRules: [] });
    expect(screening.results.map((result) => result.verdict)).toEqual(Array(8).fill('PASS'));
    expect(screening.score).toEqual(priorityScore(input, settings));
    expect(CURRENT_RULE_SET_VERSION).toBe('2026.1');
  });

  it('runs a rule set named explicitly', () => {
    expect(sut(aScreeningInput(), settings, '2026.1').ruleSetVersion).toBe('2026.1');
  });

  it('finds an application INELIGIBLE on one FAIL, naming that rule', () => {
    const screening = sut(aScreeningInput({ employees: 500 }), settings);
    expect(screening.outcome).toBe('INELIGIBLE');
    expect(screening.decidingRules).toEqual(['E2']);
  });

  it('names every failing rule, and only those, when failures and reviews mix', () => {
    // E2 and E8 fail; E4 (AI supplier) and E6 (private money not all confirmed) need review.
    const input = aScreeningInput({
      employees: 500,
      otherActiveFilesForNeq: 1,
      aiRole: 'SUPPLIER',
      naicsCode: '541510',
      clientSectorCode: 'MANUFACTURING_ROBOTICS',
      privateConfirmedCents: 10_000_000,
    });
    const screening = sut(input, settings);
    expect(screening.outcome).toBe('INELIGIBLE');
    expect(screening.decidingRules).toEqual(['E2', 'E8']);
    expect(screening.results.filter((result) => result.verdict === 'NEEDS_REVIEW').map((result) => result.ruleId)).toEqual(['E4', 'E6']);
  });

  it('sends an application to review when no rule fails and some need review, naming those', () => {
    const input = aScreeningInput({ aiRole: 'SUPPLIER', naicsCode: '541715', clientSectorCode: 'MANUFACTURING_ROBOTICS', privateConfirmedCents: 0 });
    const screening = sut(input, settings);
    expect(screening.outcome).toBe('NEEDS_REVIEW');
    expect(screening.decidingRules).toEqual(['E4', 'E6']);
  });

  it('refuses a rule set it does not know', () => {
    expect(() => sut(aScreeningInput(), settings, '2025.9')).toThrow(UnknownRuleSetError);
    expect(() => sut(aScreeningInput(), settings, '2025.9')).toThrow('Unknown eligibility rule set: 2025.9');
    try {
      sut(aScreeningInput(), settings, '');
      throw new Error('screen() accepted an empty version');
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownRuleSetError);
      expect((error as UnknownRuleSetError).version).toBe('');
    }
  });

  it('keeps every rule set it knows under its own version', () => {
    for (const [version, ruleSet] of RULE_SETS) expect(ruleSet.version).toBe(version);
  });

  describe('properties', () => {
    it('is INELIGIBLE exactly when some rule fails, ELIGIBLE exactly when all pass', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          const screening = sut(input, settings);
          const verdicts = screening.results.map((result) => result.verdict);
          expect(screening.outcome === 'INELIGIBLE').toBe(verdicts.includes('FAIL'));
          expect(screening.outcome === 'ELIGIBLE').toBe(verdicts.every((verdict) => verdict === 'PASS'));
          const failed = screening.results.filter((result) => result.verdict === 'FAIL').map((result) => result.ruleId);
          const toReview = screening.results.filter((result) => result.verdict === 'NEEDS_REVIEW').map((result) => result.ruleId);
          expect(screening.decidingRules).toEqual(failed.length > 0 ? failed : toReview);
        }),
      );
    });

    it('always reports the 8 rules E1 to E8 in order, each titled and explained in French and English', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          const { results } = sut(input, settings);
          expect(results.map((result) => result.ruleId)).toEqual(RULE_IDS);
          for (const result of results) {
            expect(['PASS', 'FAIL', 'NEEDS_REVIEW']).toContain(result.verdict);
            expect(result.title.fr.trim()).not.toBe('');
            expect(result.title.en.trim()).not.toBe('');
            expect(result.message.fr.trim()).not.toBe('');
            expect(result.message.en.trim()).not.toBe('');
            expect(result.message.fr).not.toBe(result.message.en);
          }
        }),
      );
    });

    it('reaches every outcome from the generated applications', () => {
      // Guards the generator above: a property over inputs that are all INELIGIBLE would prove little.
      const outcomes = new Set(fc.sample(anyInput, { numRuns: 2_000, seed: 42 }).map((input) => sut(input, settings).outcome));
      expect([...outcomes].sort()).toEqual(['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW']);
    });
  });
});
