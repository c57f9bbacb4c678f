import type { FastifyReply } from 'fastify';
import { Locale, MessageCatalog } from '@fa/shared';

/**
 * The message a person reads for an error code, in their language, with the figures the error
 * carries ("try again in 15 minutes"); `fallback` when the catalog has no message for the code.
 */
export function errorMessage(catalog: MessageCatalog, locale: Locale, code: string, details: Record<string, unknown> | undefined, fallback: string): string {
  const key = `errors.${code}`;
  if (!catalog.has(locale, key)) return fallback;
  const retryAfterSeconds = retryAfterOf(details);
  return catalog.translate(locale, key, { ...details, minutes: retryAfterSeconds === undefined ? undefined : Math.ceil(retryAfterSeconds / 60) });
}

/** Sets `Retry-After` when the error says when to try again (sign-in throttling). */
export function setRetryAfter(reply: FastifyReply, details: Record<string, unknown> | undefined): void {
  const seconds = retryAfterOf(details);
  if (seconds !== undefined) void reply.header('retry-after', String(seconds));
}

function retryAfterOf(details: Record<string, unknown> | undefined): number | undefined {
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}
