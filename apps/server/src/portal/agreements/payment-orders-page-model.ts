import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PaymentOrderStatus, PaymentOrdersService } from '@fa/agreements';
import { IntakeCaller } from '@fa/intake';
import { requestLocale } from '../../http/request-locale';
import { formText } from '../form-values';
import { FormProblem } from '../intake/form-problems';
import { PageRenderer } from '../page-renderer';
import { paymentOrderRow } from './agreement-terms';

export const PAYMENT_ORDER_STATUSES: readonly PaymentOrderStatus[] = ['ISSUED', 'PAID', 'RETURNED'];

/** A settlement form sent back with what to fix; `form` is its id prefix (`paid-<order id>`, `returned-<order id>`). */
export interface FailedSettlement {
  form: string;
  values: Record<string, string>;
  problems: FormProblem[];
}

/** The status filter of the list and of the payment file; anything else reads as "all". */
export function paymentOrderStatusOf(value: unknown): PaymentOrderStatus | undefined {
  const text = formText(value);
  return (PAYMENT_ORDER_STATUSES as readonly string[]).includes(text) ? (text as PaymentOrderStatus) : undefined;
}

/**
 * The payment orders for finance: every order with its payee, the payment file to download,
 * and — for approvers and administrators — the confirmation of each issued order, paid or returned.
 */
@Injectable()
export class PaymentOrdersPageModel {
  constructor(
    private readonly pages: PageRenderer,
    private readonly orders: PaymentOrdersService,
  ) {}

  async build(caller: IntakeCaller, request: FastifyRequest, status: PaymentOrderStatus | undefined, failed: FailedSettlement | null) {
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const locale = requestLocale(request);
    const settles = ['APPROVER', 'ADMINISTRATOR'].includes(caller.account.role);
    const valuesOf = (form: string, defaults: Record<string, string>) => (failed?.form === form ? { ...defaults, ...failed.values } : defaults);
    const orders = await this.orders.list(status);
    const errors = failed && failed.problems.length > 0 ? failed.problems : null;
    // Each issued order has its own forms: their inputs' messages are looked up here, as a template cannot build the ids.
    const errorAt = (field: string) => errors?.find((problem) => problem.field === field)?.message ?? null;
    return {
      pageTitle: t('paymentOrders.title'),
      errors,
      statuses: PAYMENT_ORDER_STATUSES.map((code) => ({ code, label: t(`agreements.orderStatuses.${code}`), selected: code === status })),
      fileHref: `/payment-orders/payment-file${status ? `?status=${status}` : ''}`,
      rows: orders.map((order) => ({
        ...paymentOrderRow(order, locale, t), payeeName: order.payeeName, payeeNeq: order.payeeNeq, trackingNumber: order.trackingNumber ?? '', agreementHref: `/agreements/${order.agreementId}`,
      })),
      settlements: settles
        ? orders.filter((order) => order.status === 'ISSUED').map((order) => ({
            id: order.id,
            heading: t('paymentOrders.settlementHeading', { number: order.number, payee: order.payeeName, amount: paymentOrderRow(order, locale, t).amount }),
            paid: { prefix: `paid-${order.id}`, values: valuesOf(`paid-${order.id}`, { reference: '' }), error: errorAt(`paid-${order.id}-reference`) },
            returned: { prefix: `returned-${order.id}`, values: valuesOf(`returned-${order.id}`, { reason: '' }), error: errorAt(`returned-${order.id}-reason`) },
          }))
        : [],
    };
  }
}
