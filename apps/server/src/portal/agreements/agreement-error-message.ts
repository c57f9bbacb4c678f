import type { FastifyRequest } from 'fastify';
import { DomainError, formatMoney } from '@fa/shared';
import { AgreementErrorCode } from '@fa/agreements';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';

/**
 * The sentence a person reads when the domain refuses an agreement's operation. The
 * co-investment gate says how much private spending is missing, in dollars of the page's
 * language (the catalog's generic message cannot format an amount in cents).
 */
export function agreementErrorMessage(pages: PageRenderer, request: FastifyRequest, error: DomainError): string {
  if (error.code !== AgreementErrorCode.CO_INVESTMENT_GATE) return pages.errorMessage(request, error);
  const locale = requestLocale(request);
  const cents = (name: string) => formatMoney(Number(error.details?.[name] ?? 0), locale);
  return pages.t(request, 'agreements.gateRefused', {
    missing: cents('missingPrivateCents'), paidAfter: cents('paidAfterCents'), required: cents('requiredPrivateCents'), privateSpent: cents('privateSpentCents'),
  });
}
