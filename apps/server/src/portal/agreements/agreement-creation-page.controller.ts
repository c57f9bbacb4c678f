import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { AgreementErrorCode, AgreementsService } from '@fa/agreements';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { httpStatusOf } from '../../http/error-status';
import { PageRenderer } from '../page-renderer';
import { ReviewFilePageModels } from '../review/review-file-page-model';

/**
 * "Préparer la convention" on an approved file's review page: the approver makes the agreement
 * from the approval and lands on it; any other refusal shows on the file's page.
 */
@ApiExcludeController()
@Controller('review/:id/agreement')
export class AgreementCreationPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly files: ReviewFilePageModels,
    private readonly agreements: AgreementsService,
  ) {}

  @Post()
  @Roles('APPROVER')
  async prepare(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = actingCaller(caller, request);
    try {
      const agreement = await this.agreements.create(who, id);
      return reply.status(303).redirect(`/agreements/${agreement.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || httpStatusOf(error) === 404) throw error;
      // A second click (or a colleague's) finds the agreement made: go to it.
      if (error.code === AgreementErrorCode.AGREEMENT_ALREADY_EXISTS) return reply.status(303).redirect(`/agreements/${(await this.agreements.ofApplication(who, id)).id}`);
      const { template, model } = await this.files.page(who, request, id, { name: 'agreement', values: {}, problems: [{ field: '', message: this.pages.errorMessage(request, error) }] });
      return this.pages.render(request, reply, template, model, httpStatusOf(error));
    }
  }
}
