import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse,
  ApiTags, ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ATTACHMENT_CATEGORIES, ApplicationsService, AttachmentCategory, AttachmentsService, SubmissionService } from '@fa/intake';
import { MessageCatalog, ValidationFailedError } from '@fa/shared';
import { ConflictDeclarationsService } from '@fa/review';
import { Roles, SignedIn } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { readUpload } from '../../http/upload-reader';
import { API_V1 } from '../api-path';
import { ErrorResponseDto } from '../error-response.dto';
import { CreateApplicationDto, ReexaminationRequestDto, UpdateApplicationDto, WithdrawApplicationDto } from './application-input.dto';
import { ApplicationDto, ApplicationSummaryDto, AttachmentDto, ScreeningDto, SubmissionResultDto, SubmittedCopyDto } from './application-response.dto';
import { attachmentDownload } from '../../http/attachment-download';

const intakeCaller = actingCaller;

@ApiTags('applications')
@ApiBearerAuth()
@Controller(`${API_V1}/applications`)
export class ApplicationsApiController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionService,
    private readonly attachments: AttachmentsService,
    private readonly catalog: MessageCatalog,
    private readonly conflicts: ConflictDeclarationsService,
  ) {}

  @Post()
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Start a draft application for one of the caller’s organizations' })
  @ApiCreatedResponse({ type: ApplicationDto })
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Body() body: CreateApplicationDto): Promise<ApplicationDto> {
    const { organizationId, ...content } = body;
    return ApplicationDto.fromView(await this.applications.create(intakeCaller(caller, request), organizationId, content));
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Applications the caller may see: their organizations’, or every one for staff' })
  @ApiOkResponse({ type: [ApplicationSummaryDto] })
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller): Promise<ApplicationSummaryDto[]> {
    return (await this.applications.list(intakeCaller(caller, request))).map(ApplicationSummaryDto.from);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'One application with its checklist, attachments and timeline; another organization’s answers 404; reviewers and approvers first declare no conflict of interest (403 otherwise)' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'APPLICATION_NOT_FOUND' })
  async get(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<ApplicationDto> {
    await this.conflicts.assertMayOpen(intakeCaller(caller, request), id);
    return ApplicationDto.fromView(await this.applications.view(intakeCaller(caller, request), id));
  }

  @Patch(':id')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Save some fields of a draft (or of a file returned for changes)' })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'APPLICATION_NOT_EDITABLE' })
  async update(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: UpdateApplicationDto): Promise<ApplicationDto> {
    return ApplicationDto.fromView(await this.applications.update(intakeCaller(caller, request), id, body));
  }

  @Post(':id/attachments')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Attach a PDF, PNG, JPEG or XLSX file (type recognised from its bytes); send the category field before the file' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { category: { type: 'string', enum: [...ATTACHMENT_CATEGORIES] }, file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'ATTACHMENT_TOO_LARGE' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'ATTACHMENT_TYPE_NOT_ALLOWED' })
  async upload(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AttachmentDto> {
    const upload = await readUpload(request, (await this.attachments.limits()).maxBytes);
    const category = upload.fields.category ?? 'OTHER';
    if (!(ATTACHMENT_CATEGORIES as readonly string[]).includes(category)) {
      throw new ValidationFailedError([{ field: 'category', problems: [`category must be one of ${ATTACHMENT_CATEGORIES.join(', ')}`] }]);
    }
    const attachment = await this.attachments.upload(intakeCaller(caller, request), id, { category: category as AttachmentCategory, originalName: upload.originalName, bytes: upload.bytes });
    return AttachmentDto.from(attachment);
  }

  @Get(':id/attachments/:attachmentId')
  @SignedIn()
  @ApiOperation({ summary: 'Download an attachment (always as a download, never shown inline)' })
  @ApiOkResponse({ description: 'The file' })
  async download(
    @CurrentCaller() caller: Caller,
    @Req() request: RequestWithCaller,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    await this.conflicts.assertMayOpen(intakeCaller(caller, request), id);
    const { attachment, content } = await this.attachments.open(intakeCaller(caller, request), id, attachmentId);
    return attachmentDownload(reply, attachment, content);
  }

  @Delete(':id/attachments/:attachmentId')
  @Roles('APPLICANT')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment from a draft never submitted' })
  async remove(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Param('attachmentId') attachmentId: string): Promise<void> {
    await this.attachments.remove(intakeCaller(caller, request), id, attachmentId);
  }

  @Post(':id/submit')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit: refused with the list of what is missing, or accepted with a tracking number and screened' })
  @ApiOkResponse({ type: SubmissionResultDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'APPLICATION_INCOMPLETE, with details.missing' })
  async submit(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<SubmissionResultDto> {
    const result = await this.submissions.submit(intakeCaller(caller, request), id);
    return { trackingNumber: result.trackingNumber, screening: ScreeningDto.from(result.screening, this.disclosure()) };
  }

  @Get(':id/screening')
  @SignedIn()
  @ApiOperation({ summary: 'The latest automated screening: rule set, inputs, every rule’s result and the score’s breakdown' })
  @ApiOkResponse({ type: ScreeningDto })
  async screening(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<ScreeningDto> {
    await this.conflicts.assertMayOpen(intakeCaller(caller, request), id);
    return ScreeningDto.from(await this.submissions.latestScreening(intakeCaller(caller, request), id), this.disclosure());
  }

  @Post(':id/screening/reexamination')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask a person to re-examine the automated screening' })
  @ApiOkResponse({ type: ScreeningDto })
  async reexamination(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ReexaminationRequestDto): Promise<ScreeningDto> {
    return ScreeningDto.from(await this.submissions.requestReexamination(intakeCaller(caller, request), id, body.reason), this.disclosure());
  }

  @Get(':id/submitted-copy')
  @SignedIn()
  @ApiOperation({ summary: 'The content as it was last submitted (frozen), with the organization profile and the attachments’ SHA-256' })
  @ApiOkResponse({ type: SubmittedCopyDto })
  async submittedCopy(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<SubmittedCopyDto> {
    await this.conflicts.assertMayOpen(intakeCaller(caller, request), id);
    const copy = await this.submissions.submittedCopy(intakeCaller(caller, request), id);
    return { sequence: copy.sequence, submittedAt: copy.submittedAt.toISOString(), content: copy.content as unknown as Record<string, unknown> };
  }

  @Post(':id/withdraw')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application before a decision' })
  @ApiOkResponse({ type: ApplicationDto })
  async withdraw(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: WithdrawApplicationDto): Promise<ApplicationDto> {
    return ApplicationDto.fromView(await this.applications.withdraw(intakeCaller(caller, request), id, body.reason ?? null));
  }

  private disclosure() {
    return { fr: this.catalog.translate('fr', 'screening.disclosure'), en: this.catalog.translate('en', 'screening.disclosure') };
  }
}
