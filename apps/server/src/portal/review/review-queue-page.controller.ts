import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller } from '../../auth/caller';
import { PageRenderer } from '../page-renderer';
import { ReviewQueuePageModel } from './review-queue-page-model';

/** The work queue of reviewers and approvers, filtered by a GET form. */
@ApiExcludeController()
@Controller('review')
export class ReviewQueuePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly model: ReviewQueuePageModel,
  ) {}

  @Get()
  @Roles('REVIEWER', 'APPROVER')
  async queue(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.pages.render(request, reply, 'review-queue', await this.model.build(caller.account.id, request, query));
  }
}
