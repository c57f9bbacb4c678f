import type { FastifyRequest } from 'fastify';
import { DomainError, formatMoney } from '@fa/shared';
import { AgreementErrorCode } from '@fa/agreements';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';

/**
 * The sentence a person reads when the domain refuses an agreement's operation. Where the
 * refusal carries amounts or milestones, the page says them in its language (the catalog's
 * generic message cannot format an amount in cents); a reused form's key is told in the
 * words of a form, not of the API.
 */
export function agreementErrorMessage(pages: PageRenderer, request: FastifyRequest, error: DomainError): string {
  const locale = requestLocale(request);
  const cents = (name: string) => formatMoney(Number(error.details?.[name] ?? 0), locale);
  const t = (key: string, params?: Record<string, unknown>) => pages.t(request, key, params);
  switch (error.code) {
    case AgreementErrorCode.CO_INVESTMENT_GATE:
      return t('agreements.gateRefused', { missing: cents('missingPrivateCents'), paidAfter: cents('paidAfterCents'), required: cents('requiredPrivateCents'), privateSpent: cents('privateSpentCents') });
    case AgreementErrorCode.EARLIER_MILESTONE_NOT_ACCEPTED:
      return t('agreements.waitingForReports', { milestones: ((error.details?.waitingFor as number[] | undefined) ?? []).join(', ') });
    case AgreementErrorCode.AMENDMENT_INVALID:
      if (error.details?.paidCents !== undefined) return t('agreements.amountDueInvalid', { paid: cents('paidCents') });
      if (error.details?.amountCents !== undefined) return t('agreements.reductionInvalid', { current: cents('amountCents') });
      return pages.errorMessage(request, error);
    case AgreementErrorCode.IDEMPOTENCY_KEY_REUSED:
      return t('agreements.formAlreadyUsed');
    default:
      return pages.errorMessage(request, error);
  }
}
