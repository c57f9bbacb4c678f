import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, ValidationFailedError } from '@fa/shared';
import { AgreementErrorCode, AgreementsService, MilestoneReportsService } from '@fa/agreements';
import { AttachmentsService, MILESTONE_EVIDENCE } from '@fa/intake';
import { MultipartCsrf, Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { verifyCsrfToken } from '../../auth/csrf.guard';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { readUpload } from '../../http/upload-reader';
import { PageRenderer } from '../page-renderer';
import { readReport } from './agreement-forms';
import { openMilestones } from './agreement-page-model';
import { AgreementPageResponder, alreadyIn } from './agreement-page-responder';
import { FormBody } from './form-readers';

/** Where a refusal of the report is shown: at the milestone, at the evidence, or in the summary. */
function reportErrorField(error: DomainError): string {
  if (error.code === AgreementErrorCode.EVIDENCE_NOT_FOUND) return 'report-evidence';
  const milestoneCodes: string[] = [AgreementErrorCode.REPORT_PENDING, AgreementErrorCode.MILESTONE_ALREADY_ACCEPTED, AgreementErrorCode.REPORT_NOT_FOUND, AgreementErrorCode.EARLIER_MILESTONE_NOT_ACCEPTED];
  return milestoneCodes.includes(error.code) ? 'report-milestone' : '';
}

/** The enterprise's side of its agreement: accepting the offer, uploading evidence of spending, filing milestone reports. */
@ApiExcludeController()
@Controller('agreements/:id')
export class AgreementApplicantPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly responder: AgreementPageResponder,
    private readonly agreements: AgreementsService,
    private readonly reports: MilestoneReportsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post('acceptance')
  @Roles('APPLICANT')
  async accept(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = actingCaller(caller, request);
    return this.responder.act(who, request, reply, id, { form: 'accept', alreadyDone: alreadyIn('ACCEPTED', 'SIGNED') }, () => ({ input: {}, values: {} }), () => this.agreements.accept(who, id));
  }

  /** Multipart: the CSRF token comes as the first field and is checked before the file is read. */
  @Post('evidence')
  @Roles('APPLICANT')
  @MultipartCsrf()
  async uploadEvidence(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = actingCaller(caller, request);
    const agreement = await this.agreements.view(who, id);
    try {
      const upload = await readUpload(request, (await this.attachments.limits()).maxBytes, (fields) => verifyCsrfToken(request, fields._csrf));
      await this.attachments.upload(who, agreement.applicationId, { category: MILESTONE_EVIDENCE, originalName: upload.originalName, bytes: upload.bytes });
    } catch (error) {
      if (!(error instanceof DomainError) || [403, 404].includes(httpStatusOf(error))) throw error;
      // A form sent without a file says which field is missing, like every other required field.
      const message = error instanceof ValidationFailedError ? this.pages.t(request, 'intake.problems.required', { field: this.pages.t(request, 'agreements.fields.file') }) : this.pages.errorMessage(request, error);
      return this.responder.render(who, request, reply, id, { form: 'evidence', values: {}, problems: [{ field: 'evidence-file', message }] }, httpStatusOf(error));
    }
    return reply.status(303).redirect(`/agreements/${id}#evidence`);
  }

  @Post('reports')
  @Roles('APPLICANT')
  async report(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    const agreement = await this.agreements.view(who, id);
    const evidenceIds = new Set((await this.attachments.list(who, agreement.applicationId)).filter((file) => file.category === MILESTONE_EVIDENCE).map((file) => file.id));
    // With no milestone open (the form is not even shown), the domain says why in words: which report it waits for.
    const open = (openMilestones(agreement).length > 0 ? openMilestones(agreement) : agreement.milestones).map((milestone) => milestone.number);
    return this.responder.act(
      who, request, reply, id, { form: 'report', errorField: reportErrorField },
      (problems) => readReport(body, open, evidenceIds, requestLocale(request), problems),
      (input) => this.reports.submit(who, id, input),
      '#reports',
    );
  }
}
