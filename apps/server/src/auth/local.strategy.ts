import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AccountEntity, AuthService } from '@fa/identity';
import { clientAddressOf } from './caller';

/** E-mail and password, for the portal's sign-in form and the API token endpoint alike (throttled and audited by AuthService). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<AccountEntity> {
    return this.auth.signIn(email, password, { clientAddress: clientAddressOf(request), channel: request.url.startsWith('/api/') ? 'api' : 'portal' });
  }
}
