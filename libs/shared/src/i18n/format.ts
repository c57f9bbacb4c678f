import { Locale, localeTag } from './locale';

/** A calendar date (`YYYY-MM-DD`) as a person reads it: « 1 juillet 2026 » / "July 1, 2026". */
export function formatDate(isoDate: string | Date, locale: Locale): string {
  const date = typeof isoDate === 'string' ? new Date(`${isoDate.slice(0, 10)}T12:00:00Z`) : isoDate;
  const text = new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  // French writes the first day of a month as an ordinal: « 1er juillet ».
  return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** A point in time with hour and minute, in the platform's time zone. */
export function formatDateTime(value: string | Date, locale: Locale, timeZone: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(localeTag(locale)).format(value);
}

/** A ratio stored in basis points (10 000 = 1:1) as a person reads it: « 1:1 », « 1,5:1 ». */
export function formatRatioBps(bps: number, locale: Locale): string {
  const value = new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: 2 }).format(bps / 10_000);
  return `${value}:1`;
}
