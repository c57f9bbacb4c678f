import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, isLocale } from '@fa/shared';
import { AccountsService, IdentityError, IdentityErrorCode, Role, STAFF_ROLES } from '@fa/identity';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { httpStatusOf } from '../http/error-status';
import { PageRenderer } from './page-renderer';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Administrators create staff accounts and disable accounts. */
@ApiExcludeController()
@Roles('ADMINISTRATOR')
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  async list(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.show(request, reply, { form: { email: '', displayName: '', role: 'REVIEWER', preferredLocale: 'fr' }, errors: null, notice: null }, 200);
  }

  @Post()
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const role = STAFF_ROLES.includes(text(body.role) as Role) ? (text(body.role) as Role) : 'REVIEWER';
    const form = { email: text(body.email), displayName: text(body.displayName), role, preferredLocale: isLocale(body.preferredLocale) ? body.preferredLocale : 'fr' };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email) || !form.displayName) {
      return this.show(request, reply, { form, errors: [this.pages.t(request, 'auth.emailInvalid'), this.pages.t(request, 'auth.displayNameRequired')], notice: null }, 400);
    }
    try {
      await this.accounts.createStaff(form, { accountId: caller.account.id, label: caller.account.email }, { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError) return this.show(request, reply, { form, errors: [this.pages.errorMessage(request, error)], notice: null }, httpStatusOf(error));
      throw error;
    }
    const notice = this.pages.t(request, 'accounts.created', { email: form.email.toLowerCase() });
    return this.show(request, reply, { form: { email: '', displayName: '', role: 'REVIEWER', preferredLocale: 'fr' }, errors: null, notice }, 201);
  }

  @Post(':id/disable')
  async disable(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const blank = { email: '', displayName: '', role: 'REVIEWER', preferredLocale: 'fr' };
    try {
      if (!UUID.test(id)) throw new IdentityError(IdentityErrorCode.ACCOUNT_NOT_FOUND, 'No such account.');
      await this.accounts.disable(id, { accountId: caller.account.id, label: caller.account.email }, { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError) return this.show(request, reply, { form: blank, errors: [this.pages.errorMessage(request, error)], notice: null }, httpStatusOf(error));
      throw error;
    }
    const account = (await this.accounts.list()).find((candidate) => candidate.id === id);
    return this.show(request, reply, { form: blank, errors: null, notice: this.pages.t(request, 'accounts.disabled', { email: account?.email ?? '' }) }, 200);
  }

  @Post(':id/role')
  async changeRole(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    const blank = { email: '', displayName: '', role: 'REVIEWER', preferredLocale: 'fr' };
    const role = text(body.role) as Role;
    try {
      if (!UUID.test(id)) throw new IdentityError(IdentityErrorCode.ACCOUNT_NOT_FOUND, 'No such account.');
      await this.accounts.changeRole(id, role, { accountId: caller.account.id, label: caller.account.email }, { clientAddress: clientAddressOf(request) });
    } catch (error) {
      if (error instanceof DomainError) return this.show(request, reply, { form: blank, errors: [this.pages.errorMessage(request, error)], notice: null }, httpStatusOf(error));
      throw error;
    }
    const account = (await this.accounts.list()).find((candidate) => candidate.id === id);
    const notice = this.pages.t(request, 'accounts.roleChanged', { email: account?.email ?? '', role: this.pages.t(request, `roles.${role}`) });
    return this.show(request, reply, { form: blank, errors: null, notice }, 200);
  }

  private async show(request: RequestWithCaller, reply: FastifyReply, state: { form: object; errors: string[] | null; notice: string | null }, status: number) {
    const accounts = (await this.accounts.list()).map((account) => ({
      id: account.id,
      displayName: account.displayName,
      email: account.email,
      roleKey: `roles.${account.role}`,
      statusKey: `accounts.statuses.${account.status}`,
      role: account.role,
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
