import fc from 'fast-check';
import { coInvestmentShortfall } from './co-investment-gate';

describe(coInvestmentShortfall.name, () => {
  it('lets a release through with private spending exactly equal, and names the cent missing one short (1:1)', () => {
    expect(coInvestmentShortfall({ paidCents: 0, trancheCents: 20_000_000, privateSpentCents: 20_000_000, ratioBps: 10_000 })).toMatchObject({ missingPrivateCents: 0, requiredPrivateCents: 20_000_000 });
    expect(coInvestmentShortfall({ paidCents: 0, trancheCents: 20_000_000, privateSpentCents: 19_999_999, ratioBps: 10_000 })).toMatchObject({ missingPrivateCents: 1 });
    expect(coInvestmentShortfall({ paidCents: 20_000_000, trancheCents: 20_000_000, privateSpentCents: 30_000_000, ratioBps: 10_000 })).toMatchObject({ paidAfterCents: 40_000_000, missingPrivateCents: 10_000_000 });
  });

  it('rounds the private money required up, so no ratio lets a cent of public money through unmatched', () => {
    expect(coInvestmentShortfall({ paidCents: 0, trancheCents: 3, privateSpentCents: 4, ratioBps: 15_000 })).toMatchObject({ requiredPrivateCents: 5, missingPrivateCents: 1 });
    fc.assert(fc.property(fc.nat({ max: 50_000_000 }), fc.integer({ min: 1, max: 50_000_000 }), fc.nat({ max: 100_000_000 }), fc.integer({ min: 1, max: 30_000 }), (paid, tranche, spent, ratio) => {
      const { missingPrivateCents, requiredPrivateCents } = coInvestmentShortfall({ paidCents: paid, trancheCents: tranche, privateSpentCents: spent, ratioBps: ratio });
      expect(requiredPrivateCents * 10_000).toBeGreaterThanOrEqual((paid + tranche) * ratio);
      expect(missingPrivateCents === 0).toBe(spent * 10_000 >= (paid + tranche) * ratio);
    }));
  });
});
