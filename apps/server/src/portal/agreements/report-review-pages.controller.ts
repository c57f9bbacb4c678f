import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgreementError, AgreementErrorCode, AgreementsService, MilestoneReportsService } from '@fa/agreements';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { readReportReview } from './agreement-forms';
import { AgreementPageResponder } from './agreement-page-responder';
import { FormBody } from './form-readers';

/** A reviewer accepts a milestone report (its tranche becomes releasable) or returns it with comments. */
@ApiExcludeController()
@Controller('agreements/:id/reports/:reportId')
export class ReportReviewPagesController {
  constructor(
    private readonly responder: AgreementPageResponder,
    private readonly agreements: AgreementsService,
    private readonly reports: MilestoneReportsService,
  ) {}

  /** The report's milestone names its form on the page (`review-m<number>`: one report per milestone awaits review), so problems show at its inputs. */
  @Post('review')
  @Roles('REVIEWER')
  async review(
    @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Param('reportId') reportId: string, @Body() body: FormBody,
  ) {
    const who = actingCaller(caller, request);
    const report = (await this.agreements.view(who, id)).reports.find((candidate) => candidate.id === reportId);
    if (!report) throw new AgreementError(AgreementErrorCode.REPORT_NOT_FOUND, 'No such report on this agreement.');
    const prefix = `review-m${report.milestoneNumber}`;
    return this.responder.act(
      who, request, reply, id, { form: prefix },
      (problems) => readReportReview(body, prefix, problems),
      (input) => this.reports.review(who, id, reportId, input.outcome, input.comments),
      '#reports',
    );
  }
}
