import { Locale, formatMoney, formatNumber, formatRatioBps } from '@fa/shared';
import type { AgreementView, PaymentOrder } from '@fa/agreements';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * What every reader of an agreement sees, on its page and on its printable copy: the parties,
 * the amounts, the co-investment ratio its conditions quote, the tranche schedule and the
 * milestones. Pure: built from the agreement's view, in the page's language.
 */
export function agreementTerms(view: AgreementView, coInvestmentRatioBps: number, locale: Locale, t: Translate) {
  const money = (cents: number) => formatMoney(cents, locale);
  return {
    agreement: {
      id: view.id,
      applicationId: view.applicationId,
      trackingNumber: view.trackingNumber ?? '',
      title: view.title ?? t('intake.untitled'),
      status: view.status,
      statusLabel: t(`agreements.statuses.${view.status}`),
      createdAt: view.createdAt.toISOString(),
      acceptedAt: view.acceptedAt?.toISOString() ?? null,
      signedAt: view.signedAt?.toISOString() ?? null,
      endedAt: view.endedAt?.toISOString() ?? null,
    },
    parties: { organizationName: view.organizationName, neq: view.neq },
    amounts: {
      current: money(view.amountCents),
      original: money(view.originalAmountCents),
      amended: view.amountCents !== view.originalAmountCents,
      paid: money(view.paidCents),
      privateSpent: money(view.privateSpentCents),
    },
    ratio: formatRatioBps(coInvestmentRatioBps, locale),
    // Row numbers are named for what they count: `number` is a template helper, which a bare {{number}} would call.
    tranches: view.tranches.map((tranche) => ({
      trancheNumber: tranche.number,
      // The schedule's share as signed; after a reduction the amounts are rescheduled, the shares stay.
      percent: t('agreements.percent', { value: formatNumber((view.trancheBps[tranche.number - 1] ?? 0) / 100, locale) }),
      amount: money(tranche.amountCents),
      trigger: tranche.milestoneNumber === null ? t('agreements.triggerSignature') : t('agreements.triggerMilestone', { number: tranche.milestoneNumber }),
      status: tranche.status,
      statusLabel: t(`agreements.trancheStatuses.${tranche.status}`),
    })),
    milestones: view.milestones.map((milestone) => ({ milestoneNumber: milestone.number, title: milestone.title, dueOn: milestone.dueOn, finalLabel: t(milestone.final ? 'intake.yes' : 'intake.no') })),
  };
}

/** A payment order as a row of a table, on the agreement's page and on the payment-orders page. */
export function paymentOrderRow(order: PaymentOrder, locale: Locale, t: Translate) {
  return {
    id: order.id,
    orderNumber: order.number,
    trancheNumber: order.trancheNumber,
    amount: formatMoney(order.amountCents, locale),
    status: order.status,
    statusLabel: t(`agreements.orderStatuses.${order.status}`),
    issuedAt: order.issuedAt.toISOString(),
    settledAt: order.settledAt?.toISOString() ?? null,
    settlement: order.settlementReference ?? order.returnReason ?? '',
  };
}
