import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { OrganizationProfilesService } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { FormProblems } from './form-problems';
import { IntakePageOptions } from './intake-page-options';
import { emptyOrganizationForm, organizationFormOf, readOrganizationForm } from './organization-form';

type FormBody = Record<string, unknown>;

/** The enterprise's registration and profile, as a portal form. */
@ApiExcludeController()
@Controller('organizations')
export class OrganizationPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly profiles: OrganizationProfilesService,
    private readonly options: IntakePageOptions,
  ) {}

  @Get('new')
  @Roles('APPLICANT')
  async newForm(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.show(request, reply, { form: emptyOrganizationForm(), isNew: true }, 200);
  }

  @Post()
  @Roles('APPLICANT')
  async register(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const problems = new FormProblems((key, params) => this.pages.t(request, key, params));
    const read = readOrganizationForm(body, requestLocale(request), problems, true);
    if (!problems.empty) return this.show(request, reply, { form: read.form, isNew: true, problems }, 400);
    try {
      await this.profiles.register({ account: caller.account, clientAddress: clientAddressOf(request) }, { legalName: read.legalName, neq: read.neq, ...read.profile });
    } catch (error) {
      if (error instanceof DomainError) return this.show(request, reply, { form: read.form, isNew: true, problems, error: this.pages.errorMessage(request, error) }, httpStatusOf(error));
      throw error;
    }
    return reply.status(303).redirect('/applications');
  }

  @Get(':id/edit')
  @Roles('APPLICANT')
  async editForm(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const { organization, profile } = await this.profiles.get({ account: caller.account, clientAddress: clientAddressOf(request) }, id);
    return this.show(request, reply, { form: organizationFormOf(organization, profile, requestLocale(request)), isNew: false, id, next: safeNext(request) }, 200);
  }

  @Post(':id')
  @Roles('APPLICANT')
  async update(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const problems = new FormProblems((key, params) => this.pages.t(request, key, params));
    const read = readOrganizationForm(body, requestLocale(request), problems, false);
    const next = typeof body.next === 'string' && /^\/applications\/[0-9a-f-]{36}$/.test(body.next) ? body.next : '/applications';
    if (!problems.empty) return this.show(request, reply, { form: { ...read.form, neq: '' }, isNew: false, id, next, problems }, 400);
    try {
      await this.profiles.update({ account: caller.account, clientAddress: clientAddressOf(request) }, id, { legalName: read.legalName, ...read.profile });
    } catch (error) {
      if (error instanceof DomainError) return this.show(request, reply, { form: read.form, isNew: false, id, next, problems, error: this.pages.errorMessage(request, error) }, httpStatusOf(error));
      throw error;
    }
    return reply.status(303).redirect(next);
  }

  private async show(request: RequestWithCaller, reply: FastifyReply, model: { form: Record<string, string>; isNew: boolean; id?: string; next?: string; problems?: FormProblems; error?: string }, status: number) {
    const options = await this.options.forForms(requestLocale(request));
    const title = this.pages.t(request, model.isNew ? 'intake.organizationNewTitle' : 'intake.organizationEditTitle');
    const errors = [...(model.problems?.list ?? []), ...(model.error ? [{ field: '', message: model.error }] : [])];
    return this.pages.render(request, reply, 'organization-form', {
      pageTitle: title, title, ...model, ...options, action: model.isNew ? '/organizations' : `/organizations/${model.id}`,
      errors: errors.length > 0 ? errors : null, fieldErrors: model.problems?.byField() ?? {},
    }, status);
  }
}

function safeNext(request: RequestWithCaller): string {
  const next = (request.query as Record<string, unknown>).next;
  return typeof next === 'string' && /^\/applications\/[0-9a-f-]{36}$/.test(next) ? next : '/applications';
}
