import fc from 'fast-check';
import { proportionalSplit, reschedule, trancheAmounts } from './tranche-schedule';

const schedule = fc.array(fc.integer({ min: 1, max: 9_000 }), { minLength: 1, maxLength: 6 }).map((weights) => {
  // Whole basis points summing to 10000.
  const parts = proportionalSplit(10_000, weights).map((part) => Math.max(part, 0));
  return parts.every((part) => part > 0) ? parts : [10_000];
});

describe(trancheAmounts.name, () => {
  it('gives 40 / 40 / 20 % by default, the last tranche taking the rounding remainder', () => {
    expect(trancheAmounts(50_000_000, [4000, 4000, 2000])).toEqual([20_000_000, 20_000_000, 10_000_000]);
    expect(trancheAmounts(1, [4000, 4000, 2000])).toEqual([0, 0, 1]);
    expect(trancheAmounts(33_333_333, [4000, 4000, 2000])).toEqual([13_333_333, 13_333_333, 6_666_667]);
  });

  it('sums to the amount to the cent for any amount and schedule, no tranche negative', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_500_000_000_00 }), schedule, (amount, bps) => {
      const tranches = trancheAmounts(amount, bps);
      expect(tranches.reduce((sum, part) => sum + part, 0)).toBe(amount);
      expect(tranches.every((part) => Number.isInteger(part) && part >= 0)).toBe(true);
      expect(tranches).toHaveLength(bps.length);
    }));
  });

  it('refuses a schedule that does not sum to 100 %, and fractional cents', () => {
    expect(() => trancheAmounts(100, [5000, 4000])).toThrow(RangeError);
    expect(() => trancheAmounts(100, [0, 10_000])).toThrow(RangeError);
    expect(() => trancheAmounts(10.5, [10_000])).toThrow(RangeError);
  });
});

describe(reschedule.name, () => {
  it('keeps settled tranches and shares what remains among the open ones; beyond it, an overpayment', () => {
    const tranches = [{ number: 1, amountCents: 20_000_000, settled: true }, { number: 2, amountCents: 20_000_000, settled: false }, { number: 3, amountCents: 10_000_000, settled: false }];
    expect(reschedule(35_000_000, tranches, [4000, 4000, 2000])).toEqual({ amounts: [20_000_000, 10_000_000, 5_000_000], overpaidCents: 0 });
    expect(reschedule(15_000_000, tranches, [4000, 4000, 2000])).toEqual({ amounts: [20_000_000, 0, 0], overpaidCents: 5_000_000 });
  });

  it('always sums to the larger of the new amount and what was settled', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), schedule, fc.nat({ max: 6 }), (amount, newAmount, bps, settledCount) => {
      const tranches = trancheAmounts(amount, bps).map((amountCents, index) => ({ number: index + 1, amountCents, settled: index < settledCount }));
      const settled = tranches.filter((tranche) => tranche.settled).reduce((sum, tranche) => sum + tranche.amountCents, 0);
      const { amounts, overpaidCents } = reschedule(newAmount, tranches, bps);
      const open = tranches.some((tranche) => !tranche.settled);
      expect(amounts.reduce((sum, part) => sum + part, 0)).toBe(open ? Math.max(newAmount, settled) : settled);
      expect(overpaidCents).toBe(Math.max(0, settled - newAmount));
      expect(amounts.every((part) => part >= 0)).toBe(true);
    }));
  });
});
