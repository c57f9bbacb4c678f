import { Controller, Get, Header, Inject, Param, Render, Req, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { resolve } from 'node:path';
import { APP_CONFIG, AppConfig, MessageCatalog, projectRoot } from '@fa/shared';
import { DevMailbox, MailboxMessage, NotificationsError, NotificationsErrorCode } from '@fa/notifications';
import { requestLocale } from '../http/request-locale';
import { MAIL_PREVIEW_POLICY } from '../http/security-headers';
import { PageContextInterceptor } from '../portal/page-context';
import { Public } from '../auth/access.decorators';

/** The inbox of the in-process SMTP server. Registered only outside production; open, like the rest of a development setup. */
@ApiExcludeController()
@Public()
@Controller('dev/mail')
export class DevMailController {
  private readonly mailbox: DevMailbox;

  constructor(
    private readonly catalog: MessageCatalog,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.mailbox = new DevMailbox(resolve(projectRoot(), config.DEV_MAIL_DIR));
  }

  @Get()
  @Render('pages/dev-mail-list')
  @UseInterceptors(PageContextInterceptor)
  async list(@Req() request: FastifyRequest) {
    return { pageTitle: this.catalog.translate(requestLocale(request), 'devMail.title'), messages: await this.mailbox.list() };
  }

  @Get(':id')
  @Render('pages/dev-mail-message')
  @UseInterceptors(PageContextInterceptor)
  async show(@Param('id') id: string) {
    const message = await this.read(id);
    return { pageTitle: message.subject, message };
  }

  /**
   * The HTML body of a mail, shown in a sandboxed frame of the message page. Mail HTML needs
   * inline styles, so this route alone allows them; it runs no script and loads nothing.
   */
  @Get(':id/html')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', MAIL_PREVIEW_POLICY)
  async html(@Param('id') id: string): Promise<string> {
    const message = await this.read(id);
    return message.html ?? '';
  }

  private async read(id: string): Promise<MailboxMessage> {
    const message = await this.mailbox.read(id);
    if (!message) throw new NotificationsError(NotificationsErrorCode.MAIL_NOT_FOUND, 'No such message.');
    return message;
  }
}
