import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommonErrorCode, DomainError, FieldProblem } from '@fa/shared';
import { ApplicationsService, IntakeError, IntakeErrorCode } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { FormProblems } from './form-problems';
import { IntakePageOptions } from './intake-page-options';
import { CO_INVESTMENT_ROWS, EditableSection, MILESTONE_ROWS, evidenceOptions, formOf, readSection, sectionOfSlug } from './section-forms';

type FormBody = Record<string, unknown>;

class NoSuchSection extends DomainError<CommonErrorCode.NOT_FOUND> {
  constructor() {
    super(CommonErrorCode.NOT_FOUND, 'No such section.');
  }
}

/** One section of an application as a form: saved on its own, resumed at will. */
@ApiExcludeController()
@Controller('applications/:id/sections')
export class ApplicationSectionPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationsService,
    private readonly options: IntakePageOptions,
  ) {}

  @Get(':section')
  @Roles('APPLICANT')
  async show(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Param('section') slug: string) {
    const section = this.section(slug);
    const view = await this.applications.view({ account: caller.account, clientAddress: clientAddressOf(request) }, id);
    return this.render(request, reply, id, section, view, formOf(section, view.application, requestLocale(request)), null, 200);
  }

  @Post(':section')
  @Roles('APPLICANT')
  async save(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Param('section') slug: string, @Body() body: FormBody) {
    const section = this.section(slug);
    const who = { account: caller.account, clientAddress: clientAddressOf(request) };
    const problems = new FormProblems((key, params) => this.pages.t(request, key, params));
    const { patch, form } = readSection(section, body, requestLocale(request), problems);
    if (problems.empty) {
      try {
        await this.applications.update(who, id, patch);
        return reply.status(303).redirect(`/applications/${id}`);
      } catch (error) {
        if (error instanceof IntakeError && error.code === IntakeErrorCode.INVALID_REFERENCE) problems.addService((error.details?.fields ?? []) as FieldProblem[]);
        else if (error instanceof DomainError && httpStatusOf(error) !== 404) return this.render(request, reply, id, section, await this.applications.view(who, id), form, problems, httpStatusOf(error), this.pages.errorMessage(request, error));
        else throw error;
      }
    }
    return this.render(request, reply, id, section, await this.applications.view(who, id), form, problems, 400);
  }

  private section(slug: string): EditableSection {
    const section = sectionOfSlug(slug);
    if (!section) throw new NoSuchSection();
    return section;
  }

  private async render(
    request: RequestWithCaller, reply: FastifyReply, id: string, section: EditableSection,
    view: Awaited<ReturnType<ApplicationsService['view']>>, form: Record<string, unknown>, problems: FormProblems | null, status: number, error?: string,
  ) {
    const title = this.pages.t(request, `intake.sections.${section}`);
    const errors = [...(problems?.list ?? []), ...(error ? [{ field: '', message: error }] : [])];
    return this.pages.render(request, reply, `application-section-${section.toLowerCase().replace(/_/g, '-')}`, {
      pageTitle: title, title, id, form, editable: view.editable, application: view.application,
      errors: errors.length > 0 ? errors : null, fieldErrors: problems?.byField() ?? {},
      ...(await this.options.forForms(requestLocale(request))),
      evidence: evidenceOptions(view.attachments), sourceTypes: ['OWN_FUNDS', 'BANK_LOAN', 'PRIVATE_INVESTOR', 'CLIENT_CONTRIBUTION', 'OTHER_PRIVATE'].map((code) => ({ code, label: this.pages.t(request, `intake.sourceTypes.${code}`) })),
      coInvestmentRows: CO_INVESTMENT_ROWS, milestoneRows: MILESTONE_ROWS,
    }, status);
  }
}
