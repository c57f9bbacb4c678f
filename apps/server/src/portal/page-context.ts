import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';
import { APP_CONFIG, AppConfig, Locale } from '@fa/shared';
import { RequestWithCaller } from '../auth/caller';
import { requestLocale } from '../http/request-locale';

/** The values the layout needs on every page (the error page included). */
export function pageChrome(request: FastifyRequest, locale: Locale, config: AppConfig) {
  const path = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/';
  const caller = (request as RequestWithCaller).caller;
  return {
    locale,
    otherLocale: locale === 'fr' ? 'en' : 'fr',
    currentPath: encodeURIComponent(path),
    showDevLinks: config.NODE_ENV !== 'production',
    caller: caller
      ? {
          displayName: caller.account.displayName, role: caller.account.role, canAudit: ['AUDITOR', 'ADMINISTRATOR'].includes(caller.account.role),
          isAdministrator: caller.account.role === 'ADMINISTRATOR', isApplicant: caller.account.role === 'APPLICANT', canReview: ['REVIEWER', 'APPROVER'].includes(caller.account.role),
          isStaff: caller.account.role !== 'APPLICANT', canSeePaymentOrders: ['APPROVER', 'ADMINISTRATOR', 'AUDITOR'].includes(caller.account.role),
          canFollowRollout: caller.account.role !== 'APPLICANT',
        }
      : null,
    csrfToken: null as string | null,
  };
}

/**
 * The layout values plus a CSRF token when the page holds a form (every page does for a
 * signed-in person: the sign-out button). Anonymous pages without a form get none, so they
 * create no session.
 */
export function pageValues(request: FastifyRequest, reply: FastifyReply, config: AppConfig, withForm: boolean) {
  const chrome = pageChrome(request, requestLocale(request), config);
  const csrfToken = withForm || chrome.caller ? reply.generateCsrf() : null;
  return { ...chrome, csrfToken };
}

/** Adds the layout's values to what a page handler returns, before @Render renders it. */
@Injectable()
export class PageContextInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const values = pageValues(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.config, false);
    return next.handle().pipe(map((model: Record<string, unknown>) => ({ ...values, ...model })));
  }
}
