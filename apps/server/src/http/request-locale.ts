import type { FastifyRequest } from 'fastify';
import { Locale, resolveLocale } from '@fa/shared';

export const LOCALE_COOKIE = 'fa_lang';

/**
 * The language of a response. Pages: the visitor's remembered choice, otherwise French,
 * whatever the browser prefers (French is the default of Québec public services). API:
 * an `Accept-Language` starting with `en` selects English; French otherwise.
 */
export function requestLocale(request: FastifyRequest): Locale {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  const chosen = cookies?.[LOCALE_COOKIE];
  if (chosen) return resolveLocale(chosen);
  if (!isApiRequest(request)) return 'fr';
  const accept = request.headers['accept-language'];
  return typeof accept === 'string' && /^en\b/i.test(accept.trim()) ? 'en' : 'fr';
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/health');
}

/** The correlation id pino-http gave the request (also echoed in the x-correlation-id header). */
export function correlationIdOf(request: FastifyRequest): string {
  return request.id;
}
