import fc from 'fast-check';
import { UnsafeMoneyError, formatMoney, formatMoneyWhole, toCents } from './money';
import { moneyTransformer } from './money.transformer';

// Intl puts narrow no-break spaces in French amounts; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  describe(toCents.name, () => {
    it('accepts safe integers as numbers, bigints and digit strings', () => {
      expect(toCents(1_500_000_000)).toBe(1_500_000_000);
      expect(toCents(42n)).toBe(42);
      expect(toCents('-1999')).toBe(-1999);
    });

    it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '12.50', '1e6', '', ' 12', 2n ** 53n])('refuses %p', (value) => {
      expect(() => toCents(value as number)).toThrow(UnsafeMoneyError);
    });

    it('round-trips every safe integer through its text form', () => {
      fc.assert(fc.property(fc.maxSafeInteger(), (cents) => toCents(String(cents)) === cents));
    });
  });

  describe(formatMoney.name, () => {
    it('formats cents the Québec way in French and English', () => {
      expect(plain(formatMoney(123_456_789, 'fr'))).toBe('1 234 567,89 $');
      expect(formatMoney(123_456_789, 'en')).toBe('$1,234,567.89');
      expect(plain(formatMoney(-5, 'fr'))).toBe('-0,05 $');
    });

    it('keeps every cent of amounts beyond what a float holds in dollars', () => {
      expect(formatMoney(9_007_199_254_740_991, 'en')).toBe('$90,071,992,547,409.91');
    });

    it('formats whole dollars for headline figures', () => {
      expect(plain(formatMoneyWhole(1_500_000_000, 'fr'))).toBe('15 000 000 $');
      expect(formatMoneyWhole(50_000_000, 'en')).toBe('$500,000');
    });
  });

  describe('moneyTransformer', () => {
    it('reads bigint text from PostgreSQL as a number of cents and writes it back as text', () => {
      expect(moneyTransformer.from('1500000000')).toBe(1_500_000_000);
      expect(moneyTransformer.to(50_000_000)).toBe('50000000');
      expect(moneyTransformer.from(null)).toBeNull();
    });

    it('refuses unsafe values in both directions', () => {
      expect(() => moneyTransformer.from('9007199254740993')).toThrow(UnsafeMoneyError);
      expect(() => moneyTransformer.to(0.1 + 0.2)).toThrow(UnsafeMoneyError);
    });
  });
});
