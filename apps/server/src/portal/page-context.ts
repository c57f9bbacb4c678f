import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';
import { APP_CONFIG, AppConfig, Locale } from '@fa/shared';
import { requestLocale } from '../http/request-locale';

/** The values the layout needs on every page (the error page included). */
export function pageChrome(request: FastifyRequest, locale: Locale, config: AppConfig) {
  const path = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/';
  return {
    locale,
    otherLocale: locale === 'fr' ? 'en' : 'fr',
    currentPath: encodeURIComponent(path),
    showDevLinks: config.NODE_ENV !== 'production',
  };
}

/** Adds the layout's values to what a page handler returns, before @Render renders it. */
@Injectable()
export class PageContextInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const chrome = pageChrome(request, requestLocale(request), this.config);
    return next.handle().pipe(map((model: Record<string, unknown>) => ({ ...chrome, ...model })));
  }
}
