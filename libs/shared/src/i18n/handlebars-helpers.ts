import Handlebars from 'handlebars';
import { formatMoney, formatMoneyWhole } from '../money/money';
import { formatDate, formatDateTime, formatNumber, formatRatioBps } from './format';
import { Locale, localeTag, resolveLocale } from './locale';
import { MessageCatalog } from './message-catalog';

type HelperOptions = Handlebars.HelperOptions;

/** The locale of the template being rendered: every page and mail context carries `locale`. */
function localeOf(options: HelperOptions): Locale {
  return resolveLocale((options.data?.root as { locale?: unknown } | undefined)?.locale);
}

/**
 * A Handlebars environment with the platform's helpers, shared by pages and e-mails so a
 * figure reads the same everywhere. Templates are compiled with `strict: true` by callers.
 */
export function createHandlebars(catalog: MessageCatalog, timeZone: string): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', function (key: string, options: HelperOptions) {
    return catalog.translate(localeOf(options), key, options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('money', (cents: number, options: HelperOptions) => formatMoney(cents, localeOf(options)));
  hbs.registerHelper('moneyWhole', (cents: number, options: HelperOptions) => formatMoneyWhole(cents, localeOf(options)));
  hbs.registerHelper('date', (value: string, options: HelperOptions) => formatDate(value, localeOf(options)));
  hbs.registerHelper('dateTime', (value: string, options: HelperOptions) => formatDateTime(value, localeOf(options), timeZone));
  hbs.registerHelper('number', (value: number, options: HelperOptions) => formatNumber(value, localeOf(options)));
  hbs.registerHelper('ratio', (bps: number, options: HelperOptions) => formatRatioBps(bps, localeOf(options)));
  hbs.registerHelper('langTag', (options: HelperOptions) => localeTag(localeOf(options)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Row numbers of form tables: {{number (add index 1)}}.
  hbs.registerHelper('add', (a: number, b: number) => a + b);
  // Picks the field of the current language from a bilingual row: {{pick this "name"}} → nameFr / nameEn.
  hbs.registerHelper('pick', (row: Record<string, unknown>, field: string, options: HelperOptions) => {
    const suffix = localeOf(options) === 'fr' ? 'Fr' : 'En';
    return row[`${field}${suffix}`];
  });
  return hbs;
}
