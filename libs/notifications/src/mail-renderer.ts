import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TemplateDelegate } from 'handlebars';
import { Locale, MessageCatalog, SUPPORTED_LOCALES, createHandlebars } from '@fa/shared';
import { NotificationsError, NotificationsErrorCode } from './notifications.error';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const TEMPLATE_FILE = /^([a-z][a-z0-9-]+)\.(fr|en)\.(html|text)\.hbs$/;

/**
 * Renders e-mails from templates/emails/<event>.<fr|en>.<html|text>.hbs, compiled once in
 * strict mode: a template that names a value the event does not carry fails loudly. Subjects
 * come from the message catalog (`emails.<event>.subject`). Text bodies are not HTML-escaped.
 */
export class MailRenderer {
  private readonly compiled = new Map<string, TemplateDelegate>();

  constructor(
    folder: string,
    private readonly catalog: MessageCatalog,
    timeZone: string,
  ) {
    const html = createHandlebars(catalog, timeZone);
    const text = createHandlebars(catalog, timeZone);
    for (const file of readdirSync(join(folder, 'partials'))) {
      const name = basename(file, '.hbs');
      const source = readFileSync(join(folder, 'partials', file), 'utf8');
      html.registerPartial(name, html.compile(source, { strict: true }));
      text.registerPartial(name, text.compile(source, { strict: true, noEscape: true }));
    }
    for (const file of readdirSync(folder)) {
      const match = TEMPLATE_FILE.exec(file);
      if (!match) continue;
      const [, type, locale, kind] = match;
      const engine = kind === 'html' ? html : text;
      const source = readFileSync(join(folder, file), 'utf8');
      this.compiled.set(`${type}.${locale}.${kind}`, engine.compile(source, { strict: true, noEscape: kind === 'text' }));
    }
  }

  /** Event types that have a complete set of templates (both languages, HTML and text). */
  types(): string[] {
    const types = new Set([...this.compiled.keys()].map((key) => key.split('.')[0]));
    return [...types].filter((type) => this.has(type)).sort();
  }

  /** Every template file found, complete or not (the template test checks completeness). */
  templateKeys(): string[] {
    return [...this.compiled.keys()].sort();
  }

  has(type: string): boolean {
    return SUPPORTED_LOCALES.every(
      (locale) => this.compiled.has(`${type}.${locale}.html`) && this.compiled.has(`${type}.${locale}.text`),
    );
  }

  render(type: string, locale: Locale, context: Record<string, unknown>): RenderedMail {
    if (!this.has(type)) {
      throw new NotificationsError(NotificationsErrorCode.UNKNOWN_MAIL_TEMPLATE, `No complete set of mail templates for "${type}".`, { type });
    }
    const data = { ...context, locale };
    return {
      subject: this.catalog.translate(locale, `emails.${type}.subject`, context),
      html: this.compiled.get(`${type}.${locale}.html`)!(data),
      text: this.compiled.get(`${type}.${locale}.text`)!(data),
    };
  }
}
