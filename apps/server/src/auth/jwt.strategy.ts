import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig, CommonErrorCode, DomainError } from '@fa/shared';
import { AccountEntity, AuthService } from '@fa/identity';

export const TOKEN_ISSUER = 'fonds-acceleration';
export const TOKEN_AUDIENCE = 'fonds-acceleration-api';

class InactiveAccountError extends DomainError<CommonErrorCode.UNAUTHENTICATED> {
  constructor() {
    super(CommonErrorCode.UNAUTHENTICATED, 'The account of this token is not active.');
  }
}

/** Bearer tokens of the API: HS256, issuer and audience checked; the account is re-read, so disabling it takes effect at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.API_TOKEN_SECRET,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
  }

  async validate(payload: { sub: string }): Promise<AccountEntity> {
    const account = await this.auth.activeAccount(payload.sub);
    if (!account) throw new InactiveAccountError();
    return account;
  }
}
