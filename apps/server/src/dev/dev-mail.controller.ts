import { Controller, Get, Inject, Param, Render, Req, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { resolve } from 'node:path';
import { APP_CONFIG, AppConfig, MessageCatalog, projectRoot } from '@fa/shared';
import { DevMailbox, NotificationsError, NotificationsErrorCode } from '@fa/notifications';
import { requestLocale } from '../http/request-locale';
import { PageContextInterceptor } from '../portal/page-context';

/** The inbox of the in-process SMTP server. Registered only outside production. */
@ApiExcludeController()
@Controller('dev/mail')
@UseInterceptors(PageContextInterceptor)
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
  async list(@Req() request: FastifyRequest) {
    return { pageTitle: this.catalog.translate(requestLocale(request), 'devMail.title'), messages: await this.mailbox.list() };
  }

  @Get(':id')
  @Render('pages/dev-mail-message')
  async show(@Param('id') id: string) {
    const message = await this.mailbox.read(id);
    if (!message) throw new NotificationsError(NotificationsErrorCode.MAIL_NOT_FOUND, 'No such message.');
    return { pageTitle: message.subject, message };
  }
}
