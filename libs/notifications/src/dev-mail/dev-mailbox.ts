import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface MailboxEntry {
  id: string;
  subject: string;
  to: string;
  from: string;
  date: string;
  language: string | null;
}

export interface MailboxMessage extends MailboxEntry {
  html: string | null;
  text: string;
  messageId: string | null;
}

const ID = /^\d{10,16}-[0-9a-f]{8}$/;

/** Reads the messages the in-process SMTP server kept (development only), newest first. */
export class DevMailbox {
  constructor(private readonly folder: string) {}

  async list(limit = 200): Promise<MailboxEntry[]> {
    if (!existsSync(this.folder)) return [];
    const ids = (await readdir(this.folder))
      .filter((file) => file.endsWith('.eml'))
      .map((file) => file.slice(0, -4))
      .filter((id) => ID.test(id))
      .sort()
      .reverse()
      .slice(0, limit);
    return Promise.all(ids.map(async (id) => summary(await this.read(id))));
  }

  /** A message by id, or null. The id is checked against a strict pattern: no path can be named. */
  async read(id: string): Promise<MailboxMessage | null> {
    if (!ID.test(id)) return null;
    const file = join(this.folder, `${id}.eml`);
    if (!existsSync(file)) return null;
    // Required on the first message read, not at the top: @fa/notifications is loaded by every
    // server and worker, and mailparser (with its HTML-to-text and charset tables) serves only
    // the development mail viewer; production never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { simpleParser } = require('mailparser') as typeof import('mailparser');
    const parsed = await simpleParser(await readFile(file));
    const address = (value: typeof parsed.to): string =>
      (Array.isArray(value) ? value : value ? [value] : []).map((entry) => entry.text).join(', ');
    return {
      id,
      subject: parsed.subject ?? '',
      to: address(parsed.to),
      from: parsed.from?.text ?? '',
      date: (parsed.date ?? new Date(Number(id.split('-')[0]))).toISOString(),
      language: (parsed.headers.get('content-language') as string | undefined) ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
      text: parsed.text ?? '',
      messageId: parsed.messageId ?? null,
    };
  }
}

function summary(message: MailboxMessage | null): MailboxEntry {
  const { id, subject, to, from, date, language } = message!;
  return { id, subject, to, from, date, language };
}
