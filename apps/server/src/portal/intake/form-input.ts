import type { Locale } from '@fa/shared';

/*
 * Parsing of what a person types in the portal's forms: amounts in dollars as written in
 * French or English, whole numbers, dates. Each answers a value, null for an empty field, or
 * INVALID so the form can say what to fix.
 */
export const INVALID = Symbol('invalid');
export type Parsed<T> = T | null | typeof INVALID;

const MAX_CENTS = 1_000_000_000_000;

/**
 * `250 000,50`, `250000.50`, `250,000.50 $`, `1.250.000,50`, `$250,000` → cents, whatever the
 * page's language: after the last separator, one or two digits are cents and three digits are
 * a group of thousands; groups must have three digits. Anything else is refused, never guessed.
 */
export function parseDollars(text: string, _locale: Locale): Parsed<number> {
  const compact = text.replace(/[\s\u00a0\u202f$]/g, '');
  if (compact === '') return null;
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  const frenchGroups = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(compact);
  const englishGroups = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(compact);
  const match = plain ?? frenchGroups ?? englishGroups;
  if (!match) return INVALID;
  const whole = match[1].replace(/[.,]/g, '');
  if (whole.length > 13) return INVALID;
  const cents = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_CENTS ? cents : INVALID;
}

/** Cents as a person would type them back in the form (`250000,50` / `250000.50`). */
export function dollarsText(cents: number | null, locale: Locale): string {
  if (cents === null) return '';
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole}${locale === 'fr' ? ',' : '.'}${String(rest).padStart(2, '0')}`;
}

export function parseWholeNumber(text: string, min: number, max: number): Parsed<number> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  if (!/^\d{1,9}$/.test(compact)) return INVALID;
  const value = Number(compact);
  return value >= min && value <= max ? value : INVALID;
}

/** A real calendar date written `YYYY-MM-DD` (what a date input sends). */
export function parseDate(text: string): Parsed<string> {
  if (text === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return INVALID;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : INVALID;
}

export function parseYesNo(value: string): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}
