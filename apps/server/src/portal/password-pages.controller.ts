import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { AccountsService } from '@fa/identity';
import { Public, SignedIn } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { httpStatusOf } from '../http/error-status';
import { formSecret, formText } from './form-values';
import { PageRenderer } from './page-renderer';

type FormBody = Record<string, unknown>;

/** Forgotten password (mailed link) and password change for a signed-in person. */
@ApiExcludeController()
@Controller()
export class PasswordPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly accounts: AccountsService,
  ) {}

  @Get('password-reset')
  @Public()
  requestForm(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'password-reset', { pageTitle: this.pages.t(request, 'auth.resetTitle') });
  }

  @Post('password-reset')
  @Public()
  async request(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const email = formText(body.email).slice(0, 320);
    await this.accounts.requestPasswordReset(email, { clientAddress: clientAddressOf(request) });
    return this.pages.message(request, reply, { title: 'auth.resetSentTitle', body: 'auth.resetSentBody', params: { email: email.toLowerCase() } });
  }

  @Get('password-reset/complete')
  @Public()
  completeForm(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query('token') token: unknown) {
    return this.newPasswordForm(request, reply, { token: formText(token), askCurrent: false }, null, 200);
  }

  @Post('password-reset/complete')
  @Public()
  async complete(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const token = formText(body.token);
    if (formSecret(body.password) !== formSecret(body.passwordConfirmation)) return this.newPasswordForm(request, reply, { token, askCurrent: false }, [this.pages.t(request, 'auth.passwordsDiffer')], 400);
    try {
      await this.accounts.completePasswordReset(token, formSecret(body.password), { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_OR_EXPIRED_LINK') return this.pages.linkProblem(request, reply, error, httpStatusOf(error));
      if (error instanceof DomainError) return this.newPasswordForm(request, reply, { token, askCurrent: false }, [this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    // The sessions of the account were ended in the database; this browser's goes too.
    await request.session.regenerate();
    return this.pages.message(request, reply, { title: 'auth.resetDoneTitle', body: 'auth.resetDoneBody' }, { href: '/login', labelKey: 'auth.login' });
  }

  @Get('account/password')
  @SignedIn()
  changeForm(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.newPasswordForm(request, reply, { token: null, askCurrent: true }, null, 200);
  }

  @Post('account/password')
  @SignedIn()
  async change(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const again = (messages: string[], status: number) => this.newPasswordForm(request, reply, { token: null, askCurrent: true }, messages, status);
    if (formSecret(body.password) !== formSecret(body.passwordConfirmation)) return again([this.pages.t(request, 'auth.passwordsDiffer')], 400);
    try {
      await this.accounts.changePassword(caller.account.id, formSecret(body.currentPassword), formSecret(body.password), { clientAddress: clientAddressOf(request), keepSessionId: request.session.sessionId });
    } catch (error) {
      if (error instanceof DomainError) return again([this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    return this.pages.message(request, reply, { title: 'auth.changeDoneTitle', body: 'auth.changeDoneBody' }, { href: '/', labelKey: 'site.headerHome' });
  }

  private newPasswordForm(request: RequestWithCaller, reply: FastifyReply, form: { token: string | null; askCurrent: boolean }, errors: string[] | null, status: number) {
    const title = this.pages.t(request, form.askCurrent ? 'auth.changeTitle' : 'auth.resetCompleteTitle');
    const submitLabel = this.pages.t(request, form.askCurrent ? 'auth.changeSubmit' : 'auth.resetCompleteSubmit');
    const action = form.askCurrent ? '/account/password' : '/password-reset/complete';
    return this.pages.render(request, reply, 'password-new', { pageTitle: title, title, submitLabel, action, ...form, errors }, status);
  }
}
