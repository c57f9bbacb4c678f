import { formatDate, formatRatioBps } from './format';

describe(formatDate.name, () => {
  it('writes calendar dates as people read them, with the French ordinal for the first', () => {
    expect(formatDate('2026-07-01', 'fr')).toBe('1er juillet 2026');
    expect(formatDate('2026-10-14', 'fr')).toBe('14 octobre 2026');
    expect(formatDate('2026-07-01', 'en')).toBe('July 1, 2026');
  });

  it('does not shift a date across a time zone', () => {
    expect(formatDate('2027-01-12', 'en')).toBe('January 12, 2027');
  });
});

describe(formatRatioBps.name, () => {
  it('writes basis points as a ratio to one', () => {
    expect(formatRatioBps(10_000, 'fr')).toBe('1:1');
    expect(formatRatioBps(15_000, 'fr')).toBe('1,5:1');
    expect(formatRatioBps(15_000, 'en')).toBe('1.5:1');
  });
});
