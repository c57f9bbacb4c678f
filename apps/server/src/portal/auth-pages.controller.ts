import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig, Clock, DomainError, isLocale } from '@fa/shared';
import { AccountEntity, AccountsService, AuditTrail } from '@fa/identity';
import { Public } from '../auth/access.decorators';
import { RequestWithCaller, clientAddressOf } from '../auth/caller';
import { SESSION_COOKIE } from '../auth/portal-sessions';
import { setRetryAfter } from '../http/error-message';
import { httpStatusOf } from '../http/error-status';
import { formSecret, formText, looksLikeEmail } from './form-values';
import { LOCALE_COOKIE, requestLocale } from '../http/request-locale';
import { PageRenderer } from './page-renderer';
import { PortalLoginGuard, RequestWithSignIn } from './portal-login.guard';

type FormBody = Record<string, unknown>;
type PageRequest = RequestWithCaller & RequestWithSignIn;


/** Sign-in, sign-out, registration, e-mail verification and staff account set-up pages. */
@ApiExcludeController()
@Public()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  loginForm(@Req() request: PageRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'login', { pageTitle: this.pages.t(request, 'auth.loginTitle'), form: { email: '' }, errors: null });
  }

  @Post('login')
  @UseGuards(PortalLoginGuard)
  async login(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    if (request.signInError) {
      setRetryAfter(reply, request.signInError.details);
      const model = { pageTitle: this.pages.t(request, 'auth.loginTitle'), form: { email: formText(body.email) }, errors: [this.pages.errorMessage(request, request.signInError)] };
      return this.pages.render(request, reply, 'login', model, httpStatusOf(request.signInError));
    }
    const account = request.user as AccountEntity;
    // A new session id at sign-in: an id planted before it (session fixation) is worth nothing after.
    await request.session.regenerate();
    request.session.accountId = account.id;
    request.session.authenticatedAt = this.clock.now().getTime();
    void reply.setCookie(LOCALE_COOKIE, account.preferredLocale, { path: '/', sameSite: 'lax', httpOnly: true, secure: this.config.NODE_ENV === 'production', maxAge: 365 * 24 * 3600 });
    return reply.redirect('/', 303);
  }

  @Post('logout')
  async logout(@Req() request: PageRequest, @Res() reply: FastifyReply) {
    if (request.caller) {
      await this.audit.recordAlone({
        actor: { accountId: request.caller.account.id, label: request.caller.account.email },
        action: 'auth.logout',
        object: { type: 'account', id: request.caller.account.id },
        outcome: 'SUCCESS',
        clientAddress: clientAddressOf(request),
      });
    }
    await request.session.destroy();
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/', 303);
  }

  @Get('register')
  registerForm(@Req() request: PageRequest, @Res() reply: FastifyReply) {
    const form = { email: '', displayName: '', preferredLocale: requestLocale(request) };
    return this.pages.render(request, reply, 'register', { pageTitle: this.pages.t(request, 'auth.registerTitle'), form, errors: null });
  }

  @Post('register')
  async register(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const form = { email: formText(body.email), displayName: formText(body.displayName), preferredLocale: isLocale(body.preferredLocale) ? body.preferredLocale : requestLocale(request) };
    const errors = [
      ...(form.displayName.length < 1 || form.displayName.length > 200 ? [this.pages.t(request, 'auth.displayNameRequired')] : []),
      ...(!looksLikeEmail(form.email) ? [this.pages.t(request, 'auth.emailInvalid')] : []),
    ];
    const showAgain = (messages: string[], status: number) =>
      this.pages.render(request, reply, 'register', { pageTitle: this.pages.t(request, 'auth.registerTitle'), form, errors: messages }, status);
    if (errors.length > 0) return showAgain(errors, 400);
    try {
      await this.accounts.registerApplicant({ ...form, password: formSecret(body.password) }, { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError) return showAgain([this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    return this.pages.message(request, reply, { title: 'auth.registerSentTitle', body: 'auth.registerSentBody', params: { email: form.email.toLowerCase() } });
  }

  /** The mailed link lands on a page with a button: mail scanners that open links do not use them up. */
  @Get('verify-email')
  verifyForm(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('token') token: unknown) {
    return this.pages.render(request, reply, 'verify-email', { pageTitle: this.pages.t(request, 'auth.verifyTitle'), token: formText(token) });
  }

  @Post('verify-email')
  async verify(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    try {
      await this.accounts.verifyEmail(formText(body.token), { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError) return this.pages.linkProblem(request, reply, error, httpStatusOf(error));
      throw error;
    }
    return this.pages.message(request, reply, { title: 'auth.verifiedTitle', body: 'auth.verifiedBody' }, { href: '/login', labelKey: 'auth.login' });
  }

  @Get('account-setup')
  setupForm(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('token') token: unknown) {
    return this.pages.render(request, reply, 'account-setup', { pageTitle: this.pages.t(request, 'auth.setupTitle'), token: formText(token), errors: null });
  }

  @Post('account-setup')
  async setup(@Req() request: PageRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const token = formText(body.token);
    const showAgain = (messages: string[], status: number) =>
      this.pages.render(request, reply, 'account-setup', { pageTitle: this.pages.t(request, 'auth.setupTitle'), token, errors: messages }, status);
    if (formSecret(body.password) !== formSecret(body.passwordConfirmation)) return showAgain([this.pages.t(request, 'auth.passwordsDiffer')], 400);
    try {
      await this.accounts.completeAccountSetup(token, formSecret(body.password), { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_OR_EXPIRED_LINK') return this.pages.linkProblem(request, reply, error, httpStatusOf(error));
      if (error instanceof DomainError) return showAgain([this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    return this.pages.message(request, reply, { title: 'auth.setupDoneTitle', body: 'auth.setupDoneBody' }, { href: '/login', labelKey: 'auth.login' });
  }
}
