import { ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import fastifyView from '@fastify/view';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppConfig, CORRELATION_HEADER, Clock, SystemClock, requestCorrelationId, MessageCatalog, ValidationFailedError, createHandlebars, fromProjectRoot } from '@fa/shared';
import { registerRequestLogging } from './http/request-logging';
import { registerPortalSessions } from './auth/portal-sessions';
import { apiSecurityHeaders, precomputedSecurityHeaders, securityHeaderOptions, withInlineStyles } from './http/security-headers';
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
    trustProxy: config.TRUST_PROXY ?? config.NODE_ENV === 'production',
    return503OnClosing: true,
    genReqId: requestCorrelationId,
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
  // Upload limits are applied per request (the program's settings); these are the outer bounds.
  await app.register(fastifyMultipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1, fields: 10, fieldSize: 8192, parts: 12 } });
  await app.register(fastifyCookie);
  await registerPortalSessions(app, config, clock ?? new SystemClock());
  await app.register(fastifyStatic, { root: fromProjectRoot('public'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyView, {
    engine: { handlebars: createHandlebars(app.get(MessageCatalog), config.APP_TIME_ZONE) },
    root: fromProjectRoot('templates'),
    layout: 'layouts/main.hbs',
    viewExt: 'hbs',
    production: config.NODE_ENV !== 'development',
    options: {
      compileOptions: { strict: true },
      partials: {
        header: 'partials/header.hbs',
        footer: 'partials/footer.hbs',
        'form-errors': 'partials/form-errors.hbs',
        'problem-summary': 'partials/problem-summary.hbs',
        'field-error': 'partials/field-error.hbs',
        'review-file-summary': 'partials/review-file-summary.hbs',
        'review-grid-form': 'partials/review-grid-form.hbs',
        'review-recommendation-and-decision': 'partials/review-recommendation-and-decision.hbs',
        'agreement-terms': 'partials/agreement-terms.hbs',
        'agreement-reports': 'partials/agreement-reports.hbs',
        'agreement-report-form': 'partials/agreement-report-form.hbs',
        'agreement-amendments': 'partials/agreement-amendments.hbs',
        'period-fields': 'partials/period-fields.hbs',
        'export-section': 'partials/export-section.hbs',
        'bar-chart': 'partials/bar-chart.hbs',
        'setting-input': 'partials/setting-input.hbs',
      },
    },
  });
  const pageHeaders = precomputedSecurityHeaders(securityHeaderOptions(config));
  const docsHeaders = withInlineStyles(pageHeaders);
  const apiHeaders = apiSecurityHeaders(config);
  // Every answer carries the security headers and its correlation id (which a person can
  // quote, and by which logs can be searched).
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, await app.resolve(PinoLogger));
  const securityHeadersFor = (url: string) => {
    if (url.startsWith('/api/docs') && !url.startsWith('/api/docs-json')) return docsHeaders;
    return url.startsWith('/api/') || url.startsWith('/health') ? apiHeaders : pageHeaders;
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeadersFor(request.url)).header(CORRELATION_HEADER, request.id);
    done();
  });
  // A page's form posted without a body (only the CSRF header) reads as an empty form: each
  // field then says what it needs, where reading `undefined` would have been a 500.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.method === 'POST' && !request.url.startsWith('/api/')) request.body = {};
    done();
  });
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

function fieldProblem(error: ValidationError, parent = ''): { field: string; problems: string[] } {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {});
  const nested = (error.children ?? []).flatMap((child) => fieldProblem(child, field).problems.map((problem) => `${child.property}: ${problem}`));
  return { field, problems: [...own, ...nested] };
}
