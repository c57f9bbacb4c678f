import { BilingualText } from './screening.types';

/*
 * Formatting of the figures a rule names. The library stays free of framework imports (the
 * shared kernel pulls in Nest), so it carries these few lines of Intl itself.
 */
const money = {
  fr: new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  en: new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
};

export function moneyText(cents: number): BilingualText {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  // Intl takes a decimal string exactly, so no float ever carries the amount.
  const decimal = `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}` as unknown as number;
  return { fr: money.fr.format(decimal), en: money.en.format(decimal) };
}

// Built once: constructing an Intl formatter costs more than a whole rule (measured in npm run bench).
const ratio = {
  fr: new Intl.NumberFormat('fr-CA', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-CA', { maximumFractionDigits: 2 }),
};

export function ratioText(bps: number): BilingualText {
  // As a decimal string, like amounts: Intl takes it exactly.
  const value = `${Math.trunc(bps / 10_000)}.${String(bps % 10_000).padStart(4, '0')}` as unknown as number;
  return { fr: `${ratio.fr.format(value)}:1`, en: `${ratio.en.format(value)}:1` };
}

const dateFormats = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'UTC' }),
};

export function dateText(isoDate: string): BilingualText {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return { fr: dateFormats.fr.format(date), en: dateFormats.en.format(date) };
}

export function bilingual(fr: string, en: string): BilingualText {
  return { fr, en };
}
