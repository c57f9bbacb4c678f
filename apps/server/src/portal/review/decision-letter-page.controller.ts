import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DecisionsService } from '@fa/review';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { attachmentDisposition } from '../../http/attachment-download';
import { requestLocale } from '../../http/request-locale';

/** The decision letter from the portal, in the language the person reads the portal in. */
@ApiExcludeController()
@Controller('applications/:id/decision')
export class DecisionLetterPageController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('letter')
  @Roles('APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR')
  async letter(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string): Promise<StreamableFile> {
    const letter = await this.decisions.letter(actingCaller(caller, request), id, requestLocale(request));
    // A document to keep, never a page of the portal: downloaded, and sandboxed if a browser opens it anyway.
    void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").header('cache-control', 'no-store');
    return new StreamableFile(Buffer.from(letter.html, 'utf8'), { type: 'text/html; charset=utf-8', disposition: attachmentDisposition(letter.fileName) });
  }
}
