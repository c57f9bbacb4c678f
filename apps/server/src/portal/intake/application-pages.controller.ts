import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { OrganizationsService } from '@fa/identity';
import { ApplicationsService, IntakeError, IntakeErrorCode, MissingItem, SubmissionService } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { formText } from '../form-values';
import { PageRenderer } from '../page-renderer';
import { ApplicationPageModels } from './application-page-models';

type FormBody = Record<string, unknown>;
const intakeCaller = actingCaller;

/** The applicant's files: list, overview with checklist and timeline, submission, withdrawal, printable copy. */
@ApiExcludeController()
@Controller('applications')
export class ApplicationPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionService,
    private readonly organizations: OrganizationsService,
    private readonly models: ApplicationPageModels,
  ) {}

  @Get()
  @Roles('APPLICANT')
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    const who = intakeCaller(caller, request);
    const [applications, organizations] = await Promise.all([this.applications.list(who), this.organizations.listVisible(who)]);
    const names = new Map(organizations.map((organization) => [organization.id, organization.legalName]));
    return this.pages.render(request, reply, 'applications', {
      pageTitle: this.pages.t(request, 'intake.listTitle'),
      organizations: organizations.map((organization) => ({ id: organization.id, legalName: organization.legalName })),
      applications: applications.map((application) => ({
        ...application,
        organizationName: names.get(application.organizationId) ?? '',
        statusLabel: this.pages.t(request, `intake.statuses.${application.status}`),
        updatedAt: application.updatedAt.toISOString(),
      })),
    });
  }

  @Post()
  @Roles('APPLICANT')
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const view = await this.applications.create(intakeCaller(caller, request), formText(body.organizationId));
    return reply.status(303).redirect(`/applications/${view.application.id}`);
  }

  @Get(':id')
  @Roles('APPLICANT')
  async overview(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.showOverview(caller, request, reply, id, null, 200);
  }

  @Post(':id/submit')
  @Roles('APPLICANT')
  async submit(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    try {
      await this.submissions.submit(intakeCaller(caller, request), id);
    } catch (error) {
      if (error instanceof IntakeError && error.code === IntakeErrorCode.APPLICATION_INCOMPLETE) {
        const missing = (error.details?.missing ?? []) as MissingItem[];
        return this.showOverview(caller, request, reply, id, [this.pages.errorMessage(request, error), ...missing.map((item) => this.models.missingText(request, item))], 422);
      }
      if (error instanceof DomainError && httpStatusOf(error) !== 404) return this.showOverview(caller, request, reply, id, [this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    return reply.status(303).redirect(`/applications/${id}/screening?submitted=1`);
  }

  @Post(':id/withdraw')
  @Roles('APPLICANT')
  async withdraw(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const reason = formText(body.reason).slice(0, 4000);
    try {
      await this.applications.withdraw(intakeCaller(caller, request), id, reason || null);
    } catch (error) {
      if (error instanceof DomainError && httpStatusOf(error) !== 404) return this.showOverview(caller, request, reply, id, [this.pages.errorMessage(request, error)], httpStatusOf(error));
      throw error;
    }
    return reply.status(303).redirect(`/applications/${id}`);
  }

  @Get(':id/copy')
  @Roles('APPLICANT')
  async copy(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const model = await this.models.copy(intakeCaller(caller, request), request, id);
    return this.pages.render(request, reply, 'application-copy', model);
  }

  private async showOverview(caller: Caller, request: RequestWithCaller, reply: FastifyReply, id: string, messages: string[] | null, status: number) {
    const model = await this.models.overview(intakeCaller(caller, request), request, id);
    return this.pages.render(request, reply, 'application', { ...model, errors: messages ? messages.map((message) => ({ field: '', message })) : null }, status);
  }
}
