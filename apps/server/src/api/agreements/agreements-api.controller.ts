import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgreementsService, AgreementStatus, AmendmentsService, MilestoneRemindersService, MilestoneReportsService, TrancheReleasesService } from '@fa/agreements';
import { AttachmentsService, MILESTONE_EVIDENCE } from '@fa/intake';
import { ValidationFailedError } from '@fa/shared';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { readUpload } from '../../http/upload-reader';
import { API_V1 } from '../api-path';
import { AttachmentDto } from '../intake/application-response.dto';
import { AgreementDto, AmendmentDto, MilestoneReportRequestDto, PaymentOrderDto, ReductionRequestDto, ReportDto, ReportReviewRequestDto, TerminationRequestDto } from './agreement.dto';
import { requiredIdempotencyKey } from './idempotency-key';

const STAFF = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;
const STATUSES: AgreementStatus[] = ['OFFERED', 'ACCEPTED', 'SIGNED', 'COMPLETED', 'TERMINATED'];

/** Agreements: made from an approval, accepted, signed; milestone reports and their review; tranche releases; amendments. */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller(API_V1)
export class AgreementsApiController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly reports: MilestoneReportsService,
    private readonly releases: TrancheReleasesService,
    private readonly amendments: AmendmentsService,
    private readonly attachments: AttachmentsService,
    private readonly reminders: MilestoneRemindersService,
  ) {}

  @Get('milestones/overdue')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Milestone reports overdue today (signed agreements, no report accepted or awaiting review), oldest first' })
  async overdue() {
    return (await this.reminders.overdue()).map(({ reminderSentAt, overdueNoticeSentAt, ...milestone }) => ({
      ...milestone, reminderSentAt: reminderSentAt?.toISOString() ?? null, overdueNoticeSentAt: overdueNoticeSentAt?.toISOString() ?? null,
    }));
  }

  @Post('applications/:id/agreement')
  @Roles('APPROVER')
  @ApiOperation({ summary: 'Make the agreement of an approved file: parties, amount, conditions, tranche schedule of the settings, milestones; offered to the enterprise' })
  @ApiCreatedResponse({ type: AgreementDto })
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AgreementDto> {
    return AgreementDto.from(await this.agreements.create(actingCaller(caller, request), id));
  }

  @Get('applications/:id/agreement')
  @Roles('APPLICANT', ...STAFF)
  @ApiOperation({ summary: 'The agreement of a file' })
  @ApiOkResponse({ type: AgreementDto })
  async ofApplication(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AgreementDto> {
    return AgreementDto.from(await this.agreements.ofApplication(actingCaller(caller, request), id));
  }

  @Get('agreements')
  @Roles('APPLICANT', ...STAFF)
  @ApiOperation({ summary: 'Agreements: an applicant’s organizations’, or all of them for staff' })
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Query('status') status: unknown) {
    if (status !== undefined && !STATUSES.includes(status as AgreementStatus)) throw new ValidationFailedError([{ field: 'status', problems: [`status must be one of ${STATUSES.join(', ')}`] }]);
    const agreements = await this.agreements.list(actingCaller(caller, request), status as AgreementStatus | undefined);
    return agreements.map(({ id, applicationId, trackingNumber, title, organizationName, status: state, amountCents, createdAt, signedAt }) => ({
      id, applicationId, trackingNumber, title, organizationName, status: state, amountCents, createdAt: createdAt.toISOString(), signedAt: signedAt?.toISOString() ?? null,
    }));
  }

  @Get('agreements/:id')
  @Roles('APPLICANT', ...STAFF)
  @ApiOperation({ summary: 'An agreement with its tranches, milestones, reports and payment orders' })
  @ApiOkResponse({ type: AgreementDto })
  async view(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AgreementDto> {
    return AgreementDto.from(await this.agreements.view(actingCaller(caller, request), id));
  }

  @Post('agreements/:id/acceptance')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'The enterprise accepts the agreement offered' })
  @ApiOkResponse({ type: AgreementDto })
  async accept(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AgreementDto> {
    return AgreementDto.from(await this.agreements.accept(actingCaller(caller, request), id));
  }

  @Post('agreements/:id/signature')
  @Roles('APPROVER')
  @HttpCode(200)
  @ApiOperation({ summary: 'An approver signs the accepted agreement: the file is AGREEMENT_SIGNED and the first tranche releasable' })
  @ApiOkResponse({ type: AgreementDto })
  async sign(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AgreementDto> {
    return AgreementDto.from(await this.agreements.sign(actingCaller(caller, request), id));
  }

  @Post('agreements/:id/evidence')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Upload evidence of private spending (PDF, PNG, JPEG, XLSX) for milestone reports' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
  async evidence(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AttachmentDto> {
    const agreement = await this.agreements.view(actingCaller(caller, request), id);
    const upload = await readUpload(request, (await this.attachments.limits()).maxBytes);
    return AttachmentDto.from(await this.attachments.upload(actingCaller(caller, request), agreement.applicationId, { category: MILESTONE_EVIDENCE, originalName: upload.originalName, bytes: upload.bytes }));
  }

  @Post('agreements/:id/reports')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'File a milestone report: progress, AI jobs created to date, private money spent to date, evidence' })
  @ApiCreatedResponse({ type: ReportDto })
  async report(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: MilestoneReportRequestDto): Promise<ReportDto> {
    return ReportDto.from(await this.reports.submit(actingCaller(caller, request), id, body));
  }

  @Post('agreements/:id/reports/:reportId/review')
  @Roles('REVIEWER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a milestone report (its tranche becomes releasable) or return it with comments' })
  @ApiOkResponse({ type: ReportDto })
  async reviewReport(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Param('reportId') reportId: string, @Body() body: ReportReviewRequestDto): Promise<ReportDto> {
    if (body.outcome === 'RETURNED' && !body.comments) throw new ValidationFailedError([{ field: 'comments', problems: ['comments are required to return a report'] }]);
    return ReportDto.from(await this.reports.review(actingCaller(caller, request), id, reportId, body.outcome, body.comments ?? null));
  }

  @Post('agreements/:id/tranches/:number/release')
  @Roles('APPROVER')
  @ApiOperation({ summary: 'Release a tranche (four eyes, co-investment gate): committed → disbursed in the ledger and a payment order' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A repeat answers the same payment order (200)' })
  @ApiCreatedResponse({ type: PaymentOrderDto })
  async release(
    @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Param('number', ParseIntPipe) trancheNumber: number,
    @Headers('idempotency-key') idempotencyKey: string | undefined, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentOrderDto> {
    const result = await this.releases.release(actingCaller(caller, request), id, trancheNumber, requiredIdempotencyKey(idempotencyKey));
    if (result.repeated) void reply.status(200);
    return PaymentOrderDto.from(result.order);
  }

  @Post('agreements/:id/reduction')
  @Roles('APPROVER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reduce the agreement’s amount: open tranches rescheduled, the committed remainder returned to the envelope, an overpayment made a receivable' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: AmendmentDto })
  async reduce(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ReductionRequestDto, @Headers('idempotency-key') key: string | undefined): Promise<AmendmentDto> {
    return this.amendments.reduce(actingCaller(caller, request), id, body.newAmountCents, body.reason, requiredIdempotencyKey(key));
  }

  @Post('agreements/:id/termination')
  @Roles('APPROVER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate the agreement: nothing more is paid, the committed remainder returns to the envelope, money paid beyond what is due becomes a receivable' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: AmendmentDto })
  async terminate(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: TerminationRequestDto, @Headers('idempotency-key') key: string | undefined): Promise<AmendmentDto> {
    return this.amendments.terminate(actingCaller(caller, request), id, body.reason, requiredIdempotencyKey(key), body.amountDueCents ?? null);
  }
}
