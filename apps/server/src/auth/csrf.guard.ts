import Tokens from '@fastify/csrf';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MULTIPART_CSRF_METADATA } from './access.decorators';
import { CommonErrorCode, DomainError } from '@fa/shared';
import { RequestWithCaller } from './caller';

class CsrfError extends DomainError<CommonErrorCode.FORBIDDEN> {
  constructor() {
    super(CommonErrorCode.FORBIDDEN, 'The form has expired or did not come from this site; reload the page and try again.');
  }
}

// Options given explicitly: with none, the types pick the user-info overload.
const tokens = new Tokens({});
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing portal request carries the CSRF token of its session (hidden `_csrf`
 * field, or `x-csrf-token` header). The API is exempt: it authenticates by bearer token only,
 * which a browser never attaches on its own. The field is removed before validation.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RequestWithCaller & { body?: Record<string, unknown> }>();
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return true;
    // An upload form: the handler reads the token from the multipart body before the file.
    if (this.reflector.get<boolean>(MULTIPART_CSRF_METADATA, context.getHandler()) && request.isMultipart()) return true;
    const body = request.body && typeof request.body === 'object' ? request.body : undefined;
    const token = body?._csrf ?? request.headers['x-csrf-token'];
    if (body) delete body._csrf;
    verifyCsrfToken(request, token);
    return true;
  }
}

/** Throws unless `token` is the CSRF token of the request's session. */
export function verifyCsrfToken(request: RequestWithCaller, token: unknown): void {
  const secret = request.session?._csrf;
  if (!secret || typeof token !== 'string' || !tokens.verify(secret, token)) throw new CsrfError();
}
