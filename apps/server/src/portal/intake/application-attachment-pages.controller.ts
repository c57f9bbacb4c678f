import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, ValidationFailedError } from '@fa/shared';
import { ATTACHMENT_CATEGORIES, AttachmentCategory, AttachmentsService } from '@fa/intake';
import { MultipartCsrf, Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../../auth/caller';
import { verifyCsrfToken } from '../../auth/csrf.guard';
import { httpStatusOf } from '../../http/error-status';
import { readUpload } from '../../http/upload-reader';
import { attachmentDownload } from '../../http/attachment-download';
import { PageRenderer } from '../page-renderer';
import { ApplicationPageModels } from './application-page-models';

/** Attaching, downloading and removing evidence from the portal. */
@ApiExcludeController()
@Controller('applications/:id/attachments')
export class ApplicationAttachmentPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly attachments: AttachmentsService,
    private readonly models: ApplicationPageModels,
  ) {}

  /** Multipart: the CSRF token comes as the first field and is checked here, before the file is read. */
  @Post()
  @Roles('APPLICANT')
  @MultipartCsrf()
  async upload(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = { account: caller.account, clientAddress: clientAddressOf(request) };
    try {
      const upload = await readUpload(request, (await this.attachments.limits()).maxBytes, (fields) => verifyCsrfToken(request, fields._csrf));
      const category = (ATTACHMENT_CATEGORIES as readonly string[]).includes(upload.fields.category ?? '') ? (upload.fields.category as AttachmentCategory) : 'OTHER';
      await this.attachments.upload(who, id, { category, originalName: upload.originalName, bytes: upload.bytes });
    } catch (error) {
      const known = error instanceof DomainError && httpStatusOf(error) !== 404 && httpStatusOf(error) !== 403;
      if (!known) throw error;
      const message = error instanceof ValidationFailedError ? this.pages.t(request, 'intake.problems.required', { field: this.pages.t(request, 'intake.fields.file') }) : this.pages.errorMessage(request, error);
      const model = await this.models.overview(who, request, id);
      return this.pages.render(request, reply, 'application', { ...model, errors: [{ field: 'file', message }] }, httpStatusOf(error));
    }
    return reply.status(303).redirect(`/applications/${id}#attachments`);
  }

  @Get(':attachmentId')
  @Roles('APPLICANT')
  async download(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    const { attachment, content } = await this.attachments.open({ account: caller.account, clientAddress: clientAddressOf(request) }, id, attachmentId);
    return attachmentDownload(reply, attachment, content);
  }

  @Post(':attachmentId/delete')
  @Roles('APPLICANT')
  async remove(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    await this.attachments.remove({ account: caller.account, clientAddress: clientAddressOf(request) }, id, attachmentId);
    return reply.status(303).redirect(`/applications/${id}#attachments`);
  }
}
