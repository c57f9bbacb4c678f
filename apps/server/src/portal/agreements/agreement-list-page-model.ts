import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formatMoney } from '@fa/shared';
import { IntakeCaller } from '@fa/intake';
import { AgreementStatus, AgreementsService } from '@fa/agreements';
import { requestLocale } from '../../http/request-locale';
import { formText } from '../form-values';
import { PageRenderer } from '../page-renderer';

export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['OFFERED', 'ACCEPTED', 'SIGNED', 'COMPLETED', 'TERMINATED'];

/**
 * The agreements a person may open: an applicant's organizations' agreements, or all of them
 * for staff, who filter them by status (a value that is not a status is ignored, as if blank).
 */
@Injectable()
export class AgreementListPageModel {
  constructor(
    private readonly pages: PageRenderer,
    private readonly agreements: AgreementsService,
  ) {}

  async build(caller: IntakeCaller, request: FastifyRequest, query: Record<string, unknown>) {
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const locale = requestLocale(request);
    const staff = caller.account.role !== 'APPLICANT';
    const chosen = formText(query.status);
    const status = staff && (AGREEMENT_STATUSES as readonly string[]).includes(chosen) ? (chosen as AgreementStatus) : undefined;
    const agreements = await this.agreements.list(caller, status);
    const rows = agreements.map((agreement) => ({
      href: `/agreements/${agreement.id}`,
      trackingNumber: agreement.trackingNumber ?? '',
      title: agreement.title ?? t('intake.untitled'),
      organizationName: agreement.organizationName,
      amount: formatMoney(agreement.amountCents, locale),
      statusLabel: t(`agreements.statuses.${agreement.status}`),
      createdAt: agreement.createdAt.toISOString(),
    }));
    return {
      pageTitle: t('agreements.listTitle'),
      rows,
      filters: staff ? { statuses: AGREEMENT_STATUSES.map((code) => ({ code, label: t(`agreements.statuses.${code}`), selected: code === status })) } : null,
      staffLinks: staff
        ? { overdue: true, paymentOrders: ['APPROVER', 'ADMINISTRATOR', 'AUDITOR'].includes(caller.account.role) }
        : null,
    };
  }
}
