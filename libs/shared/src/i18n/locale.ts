/** Languages of every word a person reads. French is the default (Charter of the French language). */
export const SUPPORTED_LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The visitor's language: an explicit choice (cookie) wins; otherwise French, whatever the
 * browser says, because French is the default of every Québec public service.
 */
export function resolveLocale(choice: unknown): Locale {
  return isLocale(choice) ? choice : DEFAULT_LOCALE;
}

/** BCP 47 tag for Intl and the `lang` attribute. */
export function localeTag(locale: Locale): string {
  return locale === 'fr' ? 'fr-CA' : 'en-CA';
}
