import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, DomainError, MessageCatalog } from '@fa/shared';
import { errorMessage } from '../http/error-message';
import { requestLocale } from '../http/request-locale';
import { pageValues } from './page-context';

/** Renders a page with the layout values, for handlers that choose their status (forms shown again with errors). */
@Injectable()
export class PageRenderer {
  constructor(
    private readonly catalog: MessageCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  render(request: FastifyRequest, reply: FastifyReply, template: string, model: Record<string, unknown>, status = 200): FastifyReply {
    return reply.status(status).view(`pages/${template}`, { ...pageValues(request, reply, this.config, true), ...model });
  }

  /** A page without a form of its own: an anonymous reader gets no CSRF token, hence no session. */
  renderReadOnly(request: FastifyRequest, reply: FastifyReply, template: string, model: Record<string, unknown>): FastifyReply {
    return reply.status(200).view(`pages/${template}`, { ...pageValues(request, reply, this.config, false), ...model });
  }

  /** A message page: a title, a paragraph, an optional link. */
  message(request: FastifyRequest, reply: FastifyReply, keys: { title: string; body: string; params?: Record<string, unknown> }, link?: { href: string; labelKey: string }, status = 200) {
    return this.render(
      request,
      reply,
      'message',
      {
        pageTitle: this.t(request, keys.title),
        title: this.t(request, keys.title),
        body: this.t(request, keys.body, keys.params),
        link: link ? { href: link.href, label: this.t(request, link.labelKey) } : null,
      },
      status,
    );
  }

  /** The page for a mailed link that no longer works (expired, used, replaced). */
  linkProblem(request: FastifyRequest, reply: FastifyReply, error: DomainError, status: number) {
    const title = this.t(request, 'auth.linkProblemTitle');
    return this.render(request, reply, 'message', { pageTitle: title, title, body: this.errorMessage(request, error), link: null }, status);
  }

  t(request: FastifyRequest, key: string, params?: Record<string, unknown>): string {
    return this.catalog.translate(requestLocale(request), key, params);
  }

  /** The message a person reads for a domain error, in their language. */
  errorMessage(request: FastifyRequest, error: DomainError): string {
    return errorMessage(this.catalog, requestLocale(request), error.code, error.details, error.message);
  }
}
