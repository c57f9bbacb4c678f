import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgreementsService } from '@fa/agreements';
import { AttachmentsService, IntakeError, IntakeErrorCode, MILESTONE_EVIDENCE } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { attachmentDownload } from '../../http/attachment-download';
import { PageRenderer } from '../page-renderer';
import { AgreementListPageModel } from './agreement-list-page-model';
import { AgreementPageModels } from './agreement-page-model';
import { AgreementPageResponder } from './agreement-page-responder';

const EVERYONE = ['APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;

/** Reading agreements: the list, one agreement's page, its printable copy, and the evidence filed on it. */
@ApiExcludeController()
@Controller('agreements')
export class AgreementPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly list: AgreementListPageModel,
    private readonly models: AgreementPageModels,
    private readonly responder: AgreementPageResponder,
    private readonly agreements: AgreementsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get()
  @Roles(...EVERYONE)
  async index(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.pages.render(request, reply, 'agreements', await this.list.build(actingCaller(caller, request), request, query));
  }

  @Get(':id')
  @Roles(...EVERYONE)
  async show(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.responder.render(actingCaller(caller, request), request, reply, id, null, 200);
  }

  @Get(':id/copy')
  @Roles(...EVERYONE)
  async copy(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const { template, model } = await this.models.copy(actingCaller(caller, request), request, id);
    return this.pages.render(request, reply, template, model);
  }

  /** Evidence of spending, for whoever may read the agreement (staff who review reports included); only files filed as evidence. */
  @Get(':id/evidence/:attachmentId')
  @Roles(...EVERYONE)
  async evidence(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string, @Param('attachmentId') attachmentId: string): Promise<StreamableFile> {
    const who = actingCaller(caller, request);
    const agreement = await this.agreements.view(who, id);
    const { attachment, content } = await this.attachments.open(who, agreement.applicationId, attachmentId);
    if (attachment.category !== MILESTONE_EVIDENCE) {
      content.destroy();
      throw new IntakeError(IntakeErrorCode.ATTACHMENT_NOT_FOUND, 'No such evidence on this agreement.');
    }
    return attachmentDownload(reply, attachment, content);
  }
}
