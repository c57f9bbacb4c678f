import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/** Health probes every few seconds would drown the useful lines. */
const UNLOGGED = /^\/health(\/|$|\?)/;

/**
 * One logging context per request and one JSON line per answer, with Fastify hooks.
 * The context is entered in `preValidation`, after the body is read: entered earlier, it would
 * be lost across the body's stream events (the pattern @fastify/request-context documents).
 * Everything logged while handling the request, and the outbox, see its correlation id.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    logger.runInContext(() => done(), { bindings: { correlationId: request.id } });
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!UNLOGGED.test(request.url)) {
      const line = {
        correlationId: request.id,
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500) logger.logger.error(line, 'request failed');
      else logger.logger.info(line, 'request completed');
    }
    done();
  });
}
