import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromProjectRoot } from '../paths/project-root';
import { Locale, SUPPORTED_LOCALES } from './locale';

type Messages = Record<string, string>;

export class MissingMessageError extends Error {
  constructor(locale: Locale, key: string) {
    super(`No "${locale}" message for key "${key}"`);
    this.name = 'MissingMessageError';
  }
}

/**
 * The words of the portal and the e-mails, one JSON file per language in templates/locales.
 * Nested objects are flattened to dotted keys. A missing key is an error, never a silent
 * fallback to the key or to the other language.
 */
export class MessageCatalog {
  private constructor(private readonly messages: Record<Locale, Messages>) {}

  static load(folder = fromProjectRoot('templates', 'locales')): MessageCatalog {
    const messages = {} as Record<Locale, Messages>;
    for (const locale of SUPPORTED_LOCALES) {
      const raw = JSON.parse(readFileSync(join(folder, `${locale}.json`), 'utf8')) as unknown;
      messages[locale] = flatten(raw);
    }
    return new MessageCatalog(messages);
  }

  keys(locale: Locale): string[] {
    return Object.keys(this.messages[locale]).sort();
  }

  has(locale: Locale, key: string): boolean {
    return key in this.messages[locale];
  }

  /** Translates `key`, replacing `{name}` placeholders with `params`. */
  translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
    const template = this.messages[locale][key];
    if (template === undefined) throw new MissingMessageError(locale, key);
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }
}

function flatten(value: unknown, prefix = '', out: Messages = {}): Messages {
  if (typeof value === 'string') {
    out[prefix] = value;
    return out;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Message catalog entry "${prefix}" must be a string or an object`);
  }
  for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}
