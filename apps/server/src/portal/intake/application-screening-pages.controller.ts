import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { SubmissionService } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { formText } from '../form-values';
import { PageRenderer } from '../page-renderer';
import { ApplicationPageModels } from './application-page-models';

/** The screening result with the factors that decided it, and the request for a person to re-examine it. */
@ApiExcludeController()
@Controller('applications/:id/screening')
export class ApplicationScreeningPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly submissions: SubmissionService,
    private readonly models: ApplicationPageModels,
  ) {}

  @Get()
  @Roles('APPLICANT')
  async show(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Query('submitted') submitted: unknown) {
    const model = await this.models.screening({ account: caller.account, clientAddress: clientAddressOf(request) }, request, id);
    return this.pages.render(request, reply, 'application-screening', { ...model, justSubmitted: submitted === '1', reason: '', errors: null });
  }

  @Post('reexamination')
  @Roles('APPLICANT')
  async reexamination(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    const who = { account: caller.account, clientAddress: clientAddressOf(request) };
    const reason = formText(body.reason);
    const fail = async (message: string, status: number) => this.pages.render(request, reply, 'application-screening', { ...(await this.models.screening(who, request, id)), justSubmitted: false, reason, errors: [{ field: 'reason', message }] }, status);
    const field = this.pages.t(request, 'intake.reexaminationReason');
    if (reason.length === 0) return fail(this.pages.t(request, 'intake.problems.required', { field }), 400);
    if ([...reason].length > 4000) return fail(this.pages.t(request, 'intake.problems.tooLong', { field, max: 4000 }), 400);
    try {
      await this.submissions.requestReexamination(who, id, reason);
    } catch (error) {
      if (error instanceof DomainError && httpStatusOf(error) !== 404) return fail(this.pages.errorMessage(request, error), httpStatusOf(error));
      throw error;
    }
    return reply.status(303).redirect(`/applications/${id}/screening`);
  }
}
