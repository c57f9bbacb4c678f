import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isUuid } from '@fa/shared';
import { AgreementError, AgreementErrorCode, PaymentOrdersService } from '@fa/agreements';
import { IntakeCaller } from '@fa/intake';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { attachmentDisposition } from '../../http/attachment-download';
import { httpStatusOf } from '../../http/error-status';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { AgreementPageResponder } from './agreement-page-responder';
import { FormBody, ReadForm } from './form-readers';
import { readPaymentConfirmation, readPaymentReturn } from './payment-order-forms';
import { FailedSettlement, PaymentOrdersPageModel, paymentOrderStatusOf } from './payment-orders-page-model';
import { FormProblems } from '../intake/form-problems';

const READERS = ['APPROVER', 'ADMINISTRATOR', 'AUDITOR'] as const;

/** The order's id names its forms on the page: anything but an id is the error page's 404, before the form is read. */
function knownOrderId(orderId: string): string {
  if (!isUuid(orderId)) throw new AgreementError(AgreementErrorCode.PAYMENT_ORDER_NOT_FOUND, 'No such payment order.');
  return orderId;
}

/** Payment orders for finance: the list, the payment file (CSV), and each issued order confirmed paid or returned. */
@ApiExcludeController()
@Controller('payment-orders')
export class PaymentOrderPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly model: PaymentOrdersPageModel,
    private readonly responder: AgreementPageResponder,
    private readonly orders: PaymentOrdersService,
  ) {}

  @Get()
  @Roles(...READERS)
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query('status') status: unknown) {
    return this.render(actingCaller(caller, request), request, reply, paymentOrderStatusOf(status), null, 200);
  }

  /** The finance system's file, as the API gives it, named in the page's language. */
  @Get('payment-file')
  @Roles(...READERS)
  async paymentFile(@Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Query('status') query: unknown): Promise<string> {
    const status = paymentOrderStatusOf(query);
    const name = requestLocale(request) === 'fr' ? `ordres-de-paiement-${status?.toLowerCase() ?? 'tous'}.csv` : `payment-orders-${status?.toLowerCase() ?? 'all'}.csv`;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(name)).header('cache-control', 'no-store');
    return this.orders.csv(status);
  }

  @Post(':orderId/paid')
  @Roles('APPROVER', 'ADMINISTRATOR')
  async paid(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('orderId') orderId: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    const prefix = `paid-${knownOrderId(orderId)}`;
    return this.settle(who, request, reply, prefix, (settled, input: { reference: string }) => settled.status === 'PAID' && settled.settlementReference === input.reference, (problems) => readPaymentConfirmation(body, prefix, problems), (input) => this.orders.markPaid(who, orderId, input.reference));
  }

  @Post(':orderId/returned')
  @Roles('APPROVER', 'ADMINISTRATOR')
  async returned(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('orderId') orderId: string, @Body() body: FormBody) {
    const who = actingCaller(caller, request);
    const prefix = `returned-${knownOrderId(orderId)}`;
    return this.settle(who, request, reply, prefix, (settled) => settled.status === 'RETURNED', (problems) => readPaymentReturn(body, prefix, problems), (input) => this.orders.markReturned(who, orderId, input.reason));
  }

  /**
   * Reads the form and settles the order, back to the list; or the list again with what to fix.
   * An order already settled as asked (the form sent twice) answers as the first did.
   */
  private async settle<T>(who: IntakeCaller, request: FastifyRequest, reply: FastifyReply, prefix: string, settledAsAsked: (settled: Record<string, unknown>, input: T) => boolean, read: (problems: FormProblems) => ReadForm<T>, run: (input: T) => Promise<unknown>) {
    const problems = this.responder.problems(request);
    const { input, values } = read(problems);
    if (input === null) return this.render(who, request, reply, undefined, { form: prefix, values, problems: problems.list }, 400);
    try {
      await run(input);
    } catch (error) {
      if (!(error instanceof DomainError) || httpStatusOf(error) === 404) throw error;
      if (error.code === AgreementErrorCode.PAYMENT_ORDER_SETTLED && settledAsAsked(error.details ?? {}, input)) return reply.status(303).redirect('/payment-orders');
      return this.render(who, request, reply, undefined, { form: prefix, values, problems: [{ field: '', message: this.pages.errorMessage(request, error) }] }, httpStatusOf(error));
    }
    return reply.status(303).redirect('/payment-orders');
  }

  private async render(who: IntakeCaller, request: FastifyRequest, reply: FastifyReply, status: ReturnType<typeof paymentOrderStatusOf>, failed: FailedSettlement | null, code: number) {
    return this.pages.render(request, reply, 'payment-orders', await this.model.build(who, request, status, failed), code);
  }
}
