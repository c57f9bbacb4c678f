import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PaymentOrderStatus, PaymentOrdersService } from '@fa/agreements';
import { ValidationFailedError } from '@fa/shared';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../../auth/caller';
import { attachmentDisposition } from '../../http/attachment-download';
import { API_V1 } from '../api-path';
import { PaymentConfirmationDto, PaymentOrderDto, PaymentReturnDto } from './agreement.dto';

const STATUSES: PaymentOrderStatus[] = ['ISSUED', 'PAID', 'RETURNED'];

/** Payment orders for the finance system: listed, exported as a payment file, confirmed paid or returned. */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller(`${API_V1}/payment-orders`)
export class PaymentOrdersApiController {
  constructor(private readonly orders: PaymentOrdersService) {}

  @Get()
  @Roles('APPROVER', 'ADMINISTRATOR', 'AUDITOR')
  @ApiOperation({ summary: 'Payment orders, as JSON or (format=csv) as the payment file for finance' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async list(@Query('status') status: unknown, @Query('format') format: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    if (status !== undefined && !STATUSES.includes(status as PaymentOrderStatus)) throw new ValidationFailedError([{ field: 'status', problems: [`status must be one of ${STATUSES.join(', ')}`] }]);
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new ValidationFailedError([{ field: 'format', problems: ['format must be json or csv'] }]);
    if (format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(`ordres-de-paiement-${status === undefined ? 'tous' : String(status).toLowerCase()}.csv`));
      return this.orders.csv(status as PaymentOrderStatus | undefined);
    }
    return (await this.orders.list(status as PaymentOrderStatus | undefined)).map((order) => ({ ...PaymentOrderDto.from(order), payeeName: order.payeeName, payeeNeq: order.payeeNeq, trackingNumber: order.trackingNumber }));
  }

  @Post(':id/paid')
  @Roles('APPROVER', 'ADMINISTRATOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an order paid (the last one completes the agreement)' })
  @ApiOkResponse({ type: PaymentOrderDto })
  async paid(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: PaymentConfirmationDto): Promise<PaymentOrderDto> {
    return PaymentOrderDto.from(await this.orders.markPaid(actingCaller(caller, request), id, body.reference));
  }

  @Post(':id/returned')
  @Roles('APPROVER', 'ADMINISTRATOR')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a returned payment: reversed in the ledger, the tranche releasable again' })
  @ApiOkResponse({ type: PaymentOrderDto })
  async returned(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: PaymentReturnDto): Promise<PaymentOrderDto> {
    return PaymentOrderDto.from(await this.orders.markReturned(actingCaller(caller, request), id, body.reason));
  }
}
