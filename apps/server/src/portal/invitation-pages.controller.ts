import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { OrganizationsService } from '@fa/identity';
import { Public, Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { httpStatusOf } from '../http/error-status';
import { formText } from './form-values';
import { PageRenderer } from './page-renderer';


/** Where a mailed invitation lands: sign in first if needed, then accept with a button. */
@ApiExcludeController()
@Controller('invitations')
export class InvitationPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('accept')
  @Public()
  show(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query('token') token: unknown) {
    return this.pages.render(request, reply, 'invitation', { pageTitle: this.pages.t(request, 'invitation.title'), token: formText(token) });
  }

  @Post('accept')
  @Roles('APPLICANT')
  async accept(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    try {
      const organization = await this.organizations.acceptInvitation({ account: caller.account, clientAddress: clientAddressOf(request) }, formText(body.token));
      return this.pages.message(request, reply, { title: 'invitation.doneTitle', body: 'invitation.doneBody', params: { name: organization.legalName } }, { href: '/', labelKey: 'site.headerHome' });
    } catch (error) {
      if (error instanceof DomainError) return this.pages.linkProblem(request, reply, error, httpStatusOf(error));
      throw error;
    }
  }
}
