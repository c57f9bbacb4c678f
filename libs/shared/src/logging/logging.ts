import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params, PinoLogger } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Keys never written to a log: secrets, tokens, session ids, bank details (reliability.md 15). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.sessionId',
  '*.bankAccount',
  '*.accountNumber',
  '*.transitNumber',
  'config.SMTP_PASSWORD',
  'config.SESSION_SECRET',
  'config.API_TOKEN_SECRET',
  'config.DATABASE_URL',
];

/** Base pino options: JSON lines, ISO time, level as a word, secrets redacted. */
export function baseLoggerOptions(level: string, service: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'message',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

/** Accepts a caller's correlation id when it is harmless, otherwise mints one. */
export function correlationIdFrom(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : randomUUID();
}

/** Fastify's `genReqId`: a request's id is its correlation id, the caller's when harmless. */
export function requestCorrelationId(req: IncomingMessage): string {
  return correlationIdFrom(req.headers[CORRELATION_HEADER]);
}

/**
 * The correlation id of the request or job being handled. It lives in the logging context
 * nestjs-pino keeps for each request (bound by pino-http) and each job (`runInContext` with
 * a `correlationId` binding): one AsyncLocalStorage serves logs and the outbox alike, which
 * matters on Node 20 where every extra one taxes every promise.
 */
export function currentCorrelationId(logger: PinoLogger): string | undefined {
  const value = (logger.logger.bindings() as { correlationId?: unknown }).correlationId;
  return typeof value === 'string' ? value : undefined;
}

/**
 * nestjs-pino parameters for the HTTP server. Its pino-http middleware is mounted on no route:
 * on Fastify it runs through middie's Express emulation, which cost about 20 % of a simple API
 * read (docs/benchmarks.md). The server's Fastify hooks do the same work instead
 * (apps/server/src/http/request-logging.ts): one logging context per request, one line per answer.
 */
export function httpLoggerParams(level: string, service: string): Params {
  return { pinoHttp: baseLoggerOptions(level, service), forRoutes: [] };
}

/** nestjs-pino parameters for a process without HTTP (the worker, the CLI). */
export function processLoggerParams(level: string, service: string): Params {
  return { pinoHttp: baseLoggerOptions(level, service) };
}
