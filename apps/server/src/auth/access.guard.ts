import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonErrorCode, DomainError } from '@fa/shared';
import { AccountEntity, AuthService } from '@fa/identity';
import { ACCESS_METADATA, AccessRule } from './access.decorators';
import { RequestWithCaller } from './caller';

class AccessError extends DomainError<CommonErrorCode.UNAUTHENTICATED | CommonErrorCode.FORBIDDEN> {
  constructor(code: CommonErrorCode.UNAUTHENTICATED | CommonErrorCode.FORBIDDEN, message: string) {
    super(code, message);
  }
}

/** passport-jwt through @nestjs/passport: a bad or expired token is refused with 401. */
const BearerTokenGuard = AuthGuard('jwt');

/**
 * Deny by default. Identifies the caller (API: bearer token only; pages: session only, so a
 * session cookie can never be replayed against the API), then applies the route's rule. A
 * route that declares no rule is refused, and logged, whoever calls it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly bearer = new BearerTokenGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    if (!rule) {
      this.logger.error({ url: request.url }, 'route declares no access rule; refused');
      throw new AccessError(CommonErrorCode.FORBIDDEN, 'This route declares no access rule.');
    }
    request.caller = await this.identify(context, request);
    if (rule.kind === 'public') return true;
    if (!request.caller) throw new AccessError(CommonErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
    if (!rule.roles.includes(request.caller.account.role)) throw new AccessError(CommonErrorCode.FORBIDDEN, 'Your role does not give access to this.');
    return true;
  }

  private async identify(context: ExecutionContext, request: RequestWithCaller) {
    if (request.url.startsWith('/api/')) {
      if (!request.headers.authorization) return undefined;
      await this.bearer.canActivate(context);
      return { account: request.user as AccountEntity, via: 'token' as const };
    }
    const accountId = request.session?.accountId;
    if (!accountId) return undefined;
    const account = await this.auth.activeAccount(accountId);
    if (!account) {
      // Disabled or removed since sign-in: the session ends here.
      await request.session.regenerate();
      return undefined;
    }
    return { account, via: 'session' as const };
  }
}
