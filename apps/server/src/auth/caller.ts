import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AccountEntity } from '@fa/identity';
// Brings in the type of request.session.
import type {} from '@fastify/session';

/** The person making a request, once the access guard has identified them. */
export interface Caller {
  account: AccountEntity;
  via: 'session' | 'token';
}

export type RequestWithCaller = FastifyRequest & { caller?: Caller; user?: unknown };

/** The caller of the current request (undefined on a public route when nobody is signed in). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<RequestWithCaller>().caller);

/** The client address as Fastify sees it (it honours X-Forwarded-For only when trustProxy is on, in production). */
export function clientAddressOf(request: FastifyRequest): string | null {
  return request.ip ?? null;
}

/** The signed-in person and where the request came from, as the domain's use cases take them. */
export function actingCaller(caller: Caller, request: FastifyRequest): { account: Caller['account']; clientAddress: string | null } {
  return { account: caller.account, clientAddress: clientAddressOf(request) };
}

declare module 'fastify' {
  interface Session {
    accountId?: string;
    /** Epoch milliseconds of sign-in, for the absolute timeout. */
    authenticatedAt?: number;
    _csrf?: string;
  }
}
