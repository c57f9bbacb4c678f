/**
 * Money is always an integer number of cents (CAD). These helpers are the only place
 * where cents cross a boundary: in from text or the database, out to a person.
 */
export type Cents = number;

export type MoneyLocale = 'fr' | 'en';

export class UnsafeMoneyError extends Error {
  constructor(readonly value: unknown) {
    super(`Not a safe integer amount of cents: ${String(value)}`);
    this.name = 'UnsafeMoneyError';
  }
}

/** Accepts a safe integer (number, bigint or integer string) and returns it as a number of cents. */
export function toCents(value: number | bigint | string): Cents {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new UnsafeMoneyError(value);
    return value;
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new UnsafeMoneyError(value);
    }
    return Number(value);
  }
  if (!/^-?\d+$/.test(value)) throw new UnsafeMoneyError(value);
  return toCents(BigInt(value));
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

const formatters: Record<MoneyLocale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  en: new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
};

/**
 * Formats cents for a person: `1 234 567,89 $` in French, `$1,234,567.89` in English.
 * Goes through BigInt so no float ever carries an amount.
 */
export function formatMoney(cents: Cents, locale: MoneyLocale): string {
  const safe = toCents(cents);
  const negative = safe < 0;
  const abs = BigInt(Math.abs(safe));
  const dollars = abs / 100n;
  const rest = abs % 100n;
  // Intl accepts a decimal string exactly, which keeps amounts beyond 2^53/100 precise.
  const text = `${negative ? '-' : ''}${dollars}.${rest.toString().padStart(2, '0')}`;
  return formatters[locale].format(text as unknown as number);
}

/** Formats whole dollars without cents, for headline figures (`15 000 000 $`). */
export function formatMoneyWhole(cents: Cents, locale: MoneyLocale): string {
  const safe = toCents(cents);
  const format = new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    style: 'currency',
    currency: 'CAD',
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
  return format.format((BigInt(safe) / 100n).toString() as unknown as number);
}

/** Cents as a plain decimal number of dollars with two decimals (`-1234.05`), for files and APIs that want dollars. */
export function centsAsDecimal(cents: Cents): string {
  const magnitude = BigInt(cents) < 0n ? -BigInt(cents) : BigInt(cents);
  return `${cents < 0 ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}
