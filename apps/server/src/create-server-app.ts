import { ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { Logger } from 'nestjs-pino';
import { AppConfig, CORRELATION_HEADER, Clock, assignCorrelationId, MessageCatalog, ValidationFailedError, createHandlebars, fromProjectRoot } from '@fa/shared';
import { setUpOpenApi } from './openapi';
import { ServerModule } from './server.module';

export interface ServerAppOptions {
  config: AppConfig;
  clock?: Clock;
}

/** Builds the server application (used by main.ts, the tests and the benchmarks). */
export async function createServerApp({ config, clock }: ServerAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: config.NODE_ENV === 'production',
    return503OnClosing: true,
    genReqId: assignCorrelationId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ServerModule.forRoot({ config, clock }), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) => new ValidationFailedError(errors.map((error) => fieldProblem(error))),
    }),
  );
  await app.register(fastifyHelmet, securityHeaders(config));
  await app.register(fastifyCookie);
  await app.register(fastifyStatic, { root: fromProjectRoot('public'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyView, {
    engine: { handlebars: createHandlebars(app.get(MessageCatalog), config.APP_TIME_ZONE) },
    root: fromProjectRoot('templates'),
    layout: 'layouts/main.hbs',
    viewExt: 'hbs',
    production: config.NODE_ENV !== 'development',
    options: {
      compileOptions: { strict: true },
      partials: { header: 'partials/header.hbs', footer: 'partials/footer.hbs' },
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every answer carries its correlation id, so a person can quote it and logs can be searched by it.
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, request.id);
  });
  // Swagger UI injects inline styles; its pages (no personal data) alone may use them.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs') && !request.url.startsWith('/api/docs-json')) {
      const policy = String(reply.getHeader('content-security-policy') ?? '');
      void reply.header('content-security-policy', policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
    }
  });
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * Security headers on every answer: a strict Content-Security-Policy (everything from this
 * origin, no inline script or style, no framing by other sites), and HSTS in production.
 */
function securityHeaders(config: AppConfig) {
  const production = config.NODE_ENV === 'production';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

function fieldProblem(error: ValidationError, parent = ''): { field: string; problems: string[] } {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {});
  const nested = (error.children ?? []).flatMap((child) => fieldProblem(child, field).problems.map((problem) => `${child.property}: ${problem}`));
  return { field, problems: [...own, ...nested] };
}
