import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, isLocale } from '@fa/shared';
import { AccountsService, Role, STAFF_ROLES } from '@fa/identity';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { httpStatusOf } from '../http/error-status';
import { formText, looksLikeEmail } from './form-values';
import { PageRenderer } from './page-renderer';

interface PageState {
  form: { email: string; displayName: string; role: Role; preferredLocale: string };
  errors: string[] | null;
  notice: string | null;
}

const EMPTY_FORM: PageState['form'] = { email: '', displayName: '', role: 'REVIEWER', preferredLocale: 'fr' };

/** Administrators create staff accounts, change staff roles and disable accounts. */
@ApiExcludeController()
@Roles('ADMINISTRATOR')
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  list(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.show(request, reply, { form: EMPTY_FORM, errors: null, notice: null }, 200);
  }

  @Post()
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const role = STAFF_ROLES.includes(formText(body.role) as Role) ? (formText(body.role) as Role) : 'REVIEWER';
    const form = { email: formText(body.email), displayName: formText(body.displayName), role, preferredLocale: isLocale(body.preferredLocale) ? body.preferredLocale : 'fr' };
    if (!looksLikeEmail(form.email) || !form.displayName) {
      return this.show(request, reply, { form, errors: [this.pages.t(request, 'auth.emailInvalid'), this.pages.t(request, 'auth.displayNameRequired')], notice: null }, 400);
    }
    const failure = await this.attempt(request, () => this.accounts.createStaff(form, actorOf(caller), { clientAddress: clientAddressOf(request) }));
    if (failure) return this.show(request, reply, { form, errors: [failure.message], notice: null }, failure.status);
    return this.show(request, reply, { form: EMPTY_FORM, errors: null, notice: this.pages.t(request, 'accounts.created', { email: form.email.toLowerCase() }) }, 201);
  }

  @Post(':id/role')
  async changeRole(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    const role = formText(body.role) as Role;
    const failure = await this.attempt(request, () => this.accounts.changeRole(id, role, actorOf(caller), { clientAddress: clientAddressOf(request) }));
    if (failure) return this.show(request, reply, { form: EMPTY_FORM, errors: [failure.message], notice: null }, failure.status);
    const email = (await this.accounts.findById(id))?.email ?? '';
    return this.show(request, reply, { form: EMPTY_FORM, errors: null, notice: this.pages.t(request, 'accounts.roleChanged', { email, role: this.pages.t(request, `roles.${role}`) }) }, 200);
  }

  @Post(':id/disable')
  async disable(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const failure = await this.attempt(request, () => this.accounts.disable(id, actorOf(caller), { clientAddress: clientAddressOf(request) }));
    if (failure) return this.show(request, reply, { form: EMPTY_FORM, errors: [failure.message], notice: null }, failure.status);
    const email = (await this.accounts.findById(id))?.email ?? '';
    return this.show(request, reply, { form: EMPTY_FORM, errors: null, notice: this.pages.t(request, 'accounts.disabled', { email }) }, 200);
  }

  /** Runs an account change; a refusal becomes the message and status the page shows. */
  private async attempt(request: RequestWithCaller, change: () => Promise<unknown>): Promise<{ message: string; status: number } | null> {
    try {
      await change();
      return null;
    } catch (error) {
      if (error instanceof DomainError) return { message: this.pages.errorMessage(request, error), status: httpStatusOf(error) };
      throw error;
    }
  }

  private async show(request: RequestWithCaller, reply: FastifyReply, state: PageState, status: number) {
    const accounts = (await this.accounts.list()).map((account) => ({
      id: account.id,
      displayName: account.displayName,
      email: account.email,
      role: account.role,
      roleKey: `roles.${account.role}`,
      statusKey: `accounts.statuses.${account.status}`,
      canDisable: account.status !== 'DISABLED' && account.id !== request.caller?.account.id,
      canChangeRole: STAFF_ROLES.includes(account.role) && account.status !== 'DISABLED' && account.id !== request.caller?.account.id,
    }));
    return this.pages.render(
      request,
      reply,
      'admin-accounts',
      { pageTitle: this.pages.t(request, 'accounts.title'), accounts, staffRoles: STAFF_ROLES, roleKeys: STAFF_ROLES.map((role) => `roles.${role}`), ...state },
      status,
    );
  }
}

function actorOf(caller: Caller) {
  return { accountId: caller.account.id, label: caller.account.email };
}
