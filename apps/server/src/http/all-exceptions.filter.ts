import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CommonErrorCode, DomainError, ErrorBody, MessageCatalog } from '@fa/shared';
import { pageChrome } from '../portal/page-context';
import { errorMessage, setRetryAfter } from './error-message';
import { commonCodeOfStatus, httpStatusOf } from './error-status';
import { correlationIdOf, isApiRequest, requestLocale } from './request-locale';

/**
 * The server's one exception filter. Every error answer is `{ code, message, correlationId }`
 * (JSON for the API, an error page for the portal) in the caller's language; never a stack
 * trace, SQL or driver message. Unexpected errors are logged with their stack, server-side only.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  constructor(
    private readonly catalog: MessageCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const correlationId = correlationIdOf(request);
    const locale = requestLocale(request);
    const { status, code, details } = this.classify(exception);
    if (status >= 500) this.logger.error({ err: exception, correlationId, code }, 'request failed');
    setRetryAfter(reply, details);
    const body: ErrorBody = {
      code,
      message: errorMessage(this.catalog, locale, code, details, this.fallbackMessage(exception)),
      correlationId,
      ...(details ? { details } : {}),
    };
    if (reply.sent) return;
    if (isApiRequest(request) || !acceptsHtml(request)) {
      void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
      return;
    }
    void reply.status(status).view('pages/error', { ...body, pageTitle: this.catalog.translate(locale, 'errors.pageTitle'), ...pageChrome(request, locale, this.config) });
  }

  private classify(exception: unknown): { status: number; code: string; details?: Record<string, unknown> } {
    if (exception instanceof DomainError) return { status: httpStatusOf(exception), code: exception.code, details: exception.details };
    if (exception instanceof HttpException) return { status: exception.getStatus(), code: commonCodeOfStatus(exception.getStatus()) };
    const status = frameworkStatus(exception);
    if (status) return { status, code: commonCodeOfStatus(status) };
    return { status: 500, code: CommonErrorCode.INTERNAL_ERROR };
  }

  private fallbackMessage(exception: unknown): string {
    return exception instanceof DomainError ? exception.message : this.catalog.translate('fr', 'errors.INTERNAL_ERROR');
  }
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode. */
function frameworkStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}
