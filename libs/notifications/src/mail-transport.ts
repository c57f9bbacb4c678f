import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG, AppConfig } from '@fa/shared';

export interface OutgoingMail {
  to: { email: string; name: string | null };
  subject: string;
  html: string;
  text: string;
  /** Stable per event, so a receiving system can recognise a re-delivery. */
  messageId: string;
  locale: string;
}

/** SMTP delivery through nodemailer, configured from SMTP_* variables. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly options: SMTPTransport.Options;
  private readonly from: { name: string; address: string };
  private transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = {
      host: config.SMTP_HOST ?? '127.0.0.1',
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    this.from = { name: config.MAIL_FROM_NAME, address: config.MAIL_FROM_ADDRESS };
  }

  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport().sendMail({
      from: this.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.locale === 'fr' ? 'fr-CA' : 'en-CA' },
    });
    return String(info.messageId);
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  /**
   * The transporter, made on the first mail. nodemailer is required here, not at the top: every
   * app provides this class (NotificationsModule), but only the worker sends mail; the server
   * only writes the outbox, and so never loads nodemailer. Making a transporter opens no
   * connection, so nothing is checked later than before.
   */
  private transport(): Transporter {
    if (!this.transporter) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nodemailer = require('nodemailer') as typeof import('nodemailer');
      this.transporter = nodemailer.createTransport(this.options);
    }
    return this.transporter;
  }
}
