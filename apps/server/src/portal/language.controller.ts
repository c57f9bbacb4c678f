import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig, CommonErrorCode, DomainError, isLocale } from '@fa/shared';
import { LOCALE_COOKIE } from '../http/request-locale';
import { Public } from '../auth/access.decorators';

class UnknownLocaleError extends DomainError<CommonErrorCode.NOT_FOUND> {
  constructor() {
    super(CommonErrorCode.NOT_FOUND, 'Unknown language.');
  }
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The language switch: remembers the visitor's choice in a cookie and returns to the page. */
@ApiExcludeController()
@Public()
@Controller('language')
export class LanguageController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get(':locale')
  choose(@Param('locale') locale: string, @Query('next') next: string | undefined, @Res() reply: FastifyReply): void {
    if (!isLocale(locale)) throw new UnknownLocaleError();
    void reply
      .setCookie(LOCALE_COOKIE, locale, {
        path: '/',
        maxAge: ONE_YEAR_SECONDS,
        sameSite: 'lax',
        httpOnly: true,
        secure: this.config.NODE_ENV === 'production',
      })
      .redirect(safeReturnPath(next), 303);
  }
}

/** Only a path of this site: no scheme, no `//host`, no backslash tricks (open-redirect guard). */
export function safeReturnPath(next: string | undefined): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
