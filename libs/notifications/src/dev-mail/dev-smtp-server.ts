import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  id: string;
  from: string;
  to: string[];
  raw: string;
  receivedAt: Date;
}

export interface DevSmtpServerOptions {
  port: number;
  host?: string;
  /** Where received messages are kept as .eml files (read by /dev/mail); omit to keep them in memory only. */
  mailDir?: string;
}

/**
 * An SMTP server for the embedded default and the tests: accepts every message on loopback,
 * keeps it, and lets the portal show it at /dev/mail. Mail reaches it through the same
 * nodemailer path as a real relay.
 */
export class DevSmtpServer {
  readonly received: ReceivedMail[] = [];
  private readonly server: SMTPServer;
  private readonly waiters = new Set<() => void>();
  private boundPort = 0;

  constructor(private readonly options: DevSmtpServerOptions) {
    if (options.mailDir) mkdirSync(options.mailDir, { recursive: true });
    // Required here, not at the top: @fa/notifications is loaded by the server and the worker,
    // which never run this development SMTP server; smtp-server stays out of their memory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SMTPServer } = require('smtp-server') as typeof import('smtp-server');
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          try {
            this.keep({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw: Buffer.concat(chunks).toString('utf8'),
            });
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    });
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.boundPort = (this.server.server.address() as AddressInfo).port;
    return this.boundPort;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first message (already received or to come) that matches. */
  async waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No matching mail received within ${timeoutMs} ms (${this.received.length} received)`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, remaining);
        this.waiters.add(wake);
      });
    }
  }

  private keep(message: Omit<ReceivedMail, 'id' | 'receivedAt'>): void {
    const receivedAt = new Date();
    const id = `${receivedAt.getTime()}-${randomBytes(4).toString('hex')}`;
    const mail = { ...message, id, receivedAt };
    this.received.push(mail);
    if (this.options.mailDir) writeFileSync(join(this.options.mailDir, `${id}.eml`), message.raw);
    for (const wake of [...this.waiters]) wake();
  }
}
