import { Body, Controller, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@fa/shared';
import { AgreementErrorCode, AgreementsService, AmendmentsService, TrancheReleasesService } from '@fa/agreements';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { requestLocale } from '../../http/request-locale';
import { readReduction, readRelease, readTermination } from './agreement-forms';
import { AgreementPageResponder, alreadyIn } from './agreement-page-responder';
import { FormBody } from './form-readers';

/** Refusals an approver can act on stay at the release's button (the tranche is still releasable); others go to the summary. */
const AT_THE_BUTTON: string[] = [AgreementErrorCode.CO_INVESTMENT_GATE, AgreementErrorCode.FOUR_EYES_RELEASE];

/**
 * The approver's side of an agreement: signing the accepted agreement, releasing tranches
 * (four eyes and the co-investment gate, decided by the domain), reducing or terminating it.
 * Money-moving forms carry the key they were drawn with, so a double click is one operation.
 */
@ApiExcludeController()
@Controller('agreements/:id')
export class AgreementApproverPagesController {
  constructor(
    private readonly responder: AgreementPageResponder,
    private readonly agreements: AgreementsService,
    private readonly releases: TrancheReleasesService,
    private readonly amendments: AmendmentsService,
  ) {}

  @Post('signature')
  @Roles('APPROVER')
  async sign(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = actingCaller(caller, request);
    return this.responder.act(who, request, reply, id, { form: 'sign', alreadyDone: alreadyIn('SIGNED') }, () => ({ input: {}, values: {} }), () => this.agreements.sign(who, id));
  }

  @Post('tranches/:number/release')
  @Roles('APPROVER')
  async release(
    @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Param('number', ParseIntPipe) trancheNumber: number, @Body() body: FormBody,
  ) {
    const who = actingCaller(caller, request);
    const button = `release-${trancheNumber}`;
    return this.responder.act(
      who, request, reply, id, { form: button, errorField: (error: DomainError) => (AT_THE_BUTTON.includes(error.code) ? button : '') },
      (problems) => readRelease(body, button, problems),
      (input) => this.releases.release(who, id, trancheNumber, input.requestKey),
      '#tranches',
    );
  }

  @Post('reduction')
  @Roles('APPROVER')
  async reduce(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.responder.act(
      who, request, reply, id, { form: 'reduction', errorField: (error) => (error.code === AgreementErrorCode.AMENDMENT_INVALID ? 'reduction-amount' : '') },
      (problems) => readReduction(body, requestLocale(request), problems),
      (input) => this.amendments.reduce(who, id, input.newAmountCents, input.reason, input.requestKey),
    );
  }

  @Post('termination')
  @Roles('APPROVER')
  async terminate(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    return this.responder.act(
      who, request, reply, id, { form: 'termination', errorField: (error) => (error.code === AgreementErrorCode.AMENDMENT_INVALID ? 'termination-amountDue' : '') },
      (problems) => readTermination(body, requestLocale(request), problems),
      (input) => this.amendments.terminate(who, id, input.reason, input.requestKey, input.amountDueCents),
    );
  }
}
