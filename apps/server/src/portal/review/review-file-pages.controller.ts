import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { IntakeCaller } from '@fa/intake';
import {
  AssignmentsService, ChangeRequestsService, ConflictDeclarationsService, DecisionsService, RecommendationsService, ReviewErrorCode, ReviewsService, ScreeningConfirmationService,
} from '@fa/review';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { FormProblems } from '../intake/form-problems';
import { PageRenderer } from '../page-renderer';
import { FailedForm, ReviewFilePageModels } from './review-file-page-model';
import {
  REVIEW_FIELD_LABELS, ReadForm, ReviewFormName, readChangesRequest, readDecision, readDeclaration, readRecommendation, readReview, readScreeningConfirmation,
} from './review-forms';

type FormBody = Record<string, unknown>;

/** Errors of the amount a person typed, shown at the amount's field. */
const AMOUNT_ERRORS: string[] = [ReviewErrorCode.AMOUNT_ABOVE_CEILING, ReviewErrorCode.AMOUNT_ABOVE_REQUESTED];

/**
 * One file for reviewers and approvers: the declaration of interests, then the work its state
 * calls for. Every form answers 303 back to the file, or the page again with what to fix.
 */
@ApiExcludeController()
@Controller('review/:id')
export class ReviewFilePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly models: ReviewFilePageModels,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly assignments: AssignmentsService,
    private readonly confirmations: ScreeningConfirmationService,
    private readonly changeRequests: ChangeRequestsService,
    private readonly reviews: ReviewsService,
    private readonly recommendations: RecommendationsService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get()
  @Roles('REVIEWER', 'APPROVER')
  async show(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.render(actingCaller(caller, request), request, reply, id, null, 200);
  }

  @Post('declaration')
  @Roles('REVIEWER', 'APPROVER')
  async declare(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'declaration', (problems) => readDeclaration(body, problems), (input) => this.conflicts.declare(who, id, input.kind, input.statement));
  }

  @Post('assignment')
  @Roles('REVIEWER')
  async take(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'assignment', () => ({ input: {}, values: {} }), () => this.assignments.assign(who, id, null));
  }

  @Post('screening-confirmation')
  @Roles('REVIEWER')
  async confirmScreening(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'screening', (problems) => readScreeningConfirmation(body, problems), (input) => this.confirmations.confirm(who, id, input.outcome, input.reason));
  }

  @Post('changes-request')
  @Roles('REVIEWER')
  async requestChanges(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'changes', (problems) => readChangesRequest(body, problems), (input) => this.changeRequests.request(who, id, input.comments));
  }

  @Post('review')
  @Roles('REVIEWER')
  async review(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    const { criteria } = await this.reviews.list(who, id);
    return this.act(who, request, reply, id, 'review', (problems) => readReview(body, criteria, requestLocale(request), problems), (input) => this.reviews.submit(who, id, input));
  }

  @Post('recommendation')
  @Roles('REVIEWER')
  async recommend(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'recommendation', (problems) => readRecommendation(body, requestLocale(request), problems), (input) => this.recommendations.recommend(who, id, input));
  }

  @Post('decision')
  @Roles('APPROVER')
  async decide(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.act(who, request, reply, id, 'decision', (problems) => readDecision(body, requestLocale(request), problems), (input) => this.decisions.decide(who, id, input));
  }

  /** Reads the form, runs the use case and goes back to the file; or shows the file again with what to fix (a refusal of the domain included). */
  private async act<T>(
    who: IntakeCaller, request: RequestWithCaller, reply: FastifyReply, id: string, name: ReviewFormName,
    read: (problems: FormProblems) => ReadForm<T>, run: (input: T) => Promise<unknown>,
  ) {
    const problems = new FormProblems((key, params) => this.pages.t(request, key, params), REVIEW_FIELD_LABELS);
    const { input, values } = read(problems);
    if (input === null) return this.render(who, request, reply, id, { name, values, problems: problems.list }, 400);
    try {
      await run(input);
    } catch (error) {
      // An unknown file stays the error page's 404, like every other page's.
      if (!(error instanceof DomainError) || httpStatusOf(error) === 404) throw error;
      const field = AMOUNT_ERRORS.includes(error.code) ? `${name}-amount` : '';
      return this.render(who, request, reply, id, { name, values, problems: [{ field, message: this.pages.errorMessage(request, error) }] }, httpStatusOf(error));
    }
    return reply.status(303).redirect(`/review/${id}`);
  }

  private async render(who: IntakeCaller, request: RequestWithCaller, reply: FastifyReply, id: string, failed: FailedForm | null, status: number) {
    const { template, model } = await this.models.page(who, request, id, failed);
    return this.pages.render(request, reply, template, model, status);
  }
}
