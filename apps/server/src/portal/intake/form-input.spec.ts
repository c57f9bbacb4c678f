import { INVALID, dollarsText, parseDate, parseDollars, parseWholeNumber } from './form-input';

describe(parseDollars.name, () => {
  it.each([
    ['250 000,50', 'fr', 25_000_050],
    ['250\u00a0000 $', 'fr', 25_000_000],
    ['1.250.000,5', 'fr', 125_000_050],
    ['250,000.50', 'en', 25_000_050],
    ['$250000', 'en', 25_000_000],
    ['0', 'en', 0],
  ] as const)('reads %p in %s as %p cents', (text, locale, cents) => {
    expect(parseDollars(text, locale)).toBe(cents);
  });

  it.each([
    ['200 000.00', 'fr', 20_000_000],
    ['12.5', 'fr', 1250],
    ['250 000,50', 'en', 25_000_050],
    ['12,345', 'fr', 1_234_500],
    ['1.234', 'en', 123_400],
  ] as const)('reads %p typed the other language’s way in %s as %p cents, not a hundred times more', (text, locale, cents) => {
    expect(parseDollars(text, locale)).toBe(cents);
  });

  it.each([['abc', 'fr'], ['12,3456', 'fr'], ['1.23.456', 'en'], ['1,234.567', 'en'], ['1.234,567', 'fr'], ['-5', 'en'], ['99999999999999', 'en']] as const)('refuses %p in %s', (text, locale) => {
    expect(parseDollars(text, locale)).toBe(INVALID);
  });

  it('answers null for an empty field', () => {
    expect(parseDollars('  ', 'fr')).toBeNull();
  });

  it('writes cents back in the form a person would type them', () => {
    expect(dollarsText(25_000_050, 'fr')).toBe('250000,50');
    expect(dollarsText(25_000_000, 'en')).toBe('250000');
    expect(parseDollars(dollarsText(12_345_678, 'fr'), 'fr')).toBe(12_345_678);
  });
});

describe(parseWholeNumber.name, () => {
  it('reads whole numbers within bounds only', () => {
    expect(parseWholeNumber('1 200', 0, 100_000)).toBe(1200);
    expect(parseWholeNumber('12.5', 0, 100)).toBe(INVALID);
    expect(parseWholeNumber('101', 0, 100)).toBe(INVALID);
    expect(parseWholeNumber('', 0, 100)).toBeNull();
  });
});

describe(parseDate.name, () => {
  it('accepts real dates only', () => {
    expect(parseDate('2027-02-28')).toBe('2027-02-28');
    expect(parseDate('2027-02-30')).toBe(INVALID);
    expect(parseDate('28/02/2027')).toBe(INVALID);
  });
});
