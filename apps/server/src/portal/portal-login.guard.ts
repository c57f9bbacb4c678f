import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { IdentityError, IdentityErrorCode } from '@fa/identity';

export type RequestWithSignIn = { signInError?: IdentityError };

/**
 * passport-local for the sign-in form: a refused sign-in does not end the request with an
 * error page, it is kept for the handler, which shows the form again with the message.
 */
@Injectable()
export class PortalLoginGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    const request = context.switchToHttp().getRequest<RequestWithSignIn>();
    if (error instanceof IdentityError) request.signInError = error;
    else if (error) throw error;
    else if (!user) request.signInError = new IdentityError(IdentityErrorCode.INVALID_CREDENTIALS, 'Missing credentials.');
    return (user || null) as T;
  }
}
