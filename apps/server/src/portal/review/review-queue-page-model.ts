import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formatMoney, formatNumber } from '@fa/shared';
import { ApplicationState } from '@fa/intake';
import { requestLocale } from '../../http/request-locale';
import { QUEUE_STATES, ReviewQueue, ReviewQueueEntry, ReviewQueueQuery } from '@fa/review';
import { formText } from '../form-values';
import { IntakePageOptions } from '../intake/intake-page-options';
import { PageRenderer } from '../page-renderer';

/** The states a person may filter the queue by: the queue's own, and the decided files to look back at. */
const FILTER_STATES: readonly ApplicationState[] = [...QUEUE_STATES.filter((state) => state !== 'SUBMITTED'), 'APPROVED', 'DECLINED'];
const OUTCOMES = ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] as const;

/** The filters of the queue's GET form; a value that is not one of the options is ignored, as if left blank. */
export function queueQueryOf(query: Record<string, unknown>): ReviewQueueQuery {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(formText(value)) ? (formText(value) as T) : undefined;
  const region = formText(query.region);
  const sector = formText(query.sector);
  return {
    status: pick(query.status, FILTER_STATES),
    region: /^(0[1-9]|1[0-7])$/.test(region) ? region : undefined,
    sector: /^[A-Z][A-Z0-9_]{1,39}$/.test(sector) ? sector : undefined,
    outcome: pick(query.outcome, OUTCOMES),
    assigned: pick(query.assigned, ['me', 'unassigned'] as const),
    sort: pick(query.sort, ['score', 'age'] as const) ?? 'score',
  };
}

/** The reviewers' and approvers' work queue: the files, the filters, the caller's declaration on each. */
@Injectable()
export class ReviewQueuePageModel {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queue: ReviewQueue,
    private readonly options: IntakePageOptions,
  ) {}

  async build(accountId: string, request: FastifyRequest, rawQuery: Record<string, unknown>) {
    const query = queueQueryOf(rawQuery);
    const locale = requestLocale(request);
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const [entries, { regions, sectors }] = await Promise.all([this.queue.list(accountId, query), this.options.forForms(locale)]);
    const row = (entry: ReviewQueueEntry) => ({
      id: entry.id,
      trackingNumber: entry.trackingNumber ?? '',
      title: entry.title ?? t('intake.untitled'),
      region: regions.find((region) => region.code === entry.regionCode)?.name ?? entry.regionCode ?? '',
      sector: sectors.find((sector) => sector.code === entry.sectorCode)?.label ?? entry.sectorCode ?? '',
      amount: entry.amountRequestedCents === null ? '' : formatMoney(entry.amountRequestedCents, locale),
      outcome: entry.screeningOutcome ? t(`review.outcomes.${entry.screeningOutcome}`) : '',
      score: entry.priorityScore === null ? '' : formatNumber(entry.priorityScore, locale),
      status: t(`intake.statuses.${entry.status}`),
      assignees: entry.assignees.map((assignee) => (assignee.lead ? t('review.leadName', { name: assignee.reviewerName }) : assignee.reviewerName)).join(', '),
      declaration: t(`review.declarations.${entry.myDeclaration ?? 'NONE'}`),
    });
    const option = (code: string, label: string, chosen: string | undefined) => ({ code, label, selected: code === chosen });
    return {
      pageTitle: t('review.queueTitle'),
      rows: entries.map(row),
      filters: {
        statuses: FILTER_STATES.map((state) => option(state, t(`intake.statuses.${state}`), query.status)),
        regions: regions.map((region) => option(region.code, region.name, query.region)),
        sectors: sectors.map((sector) => option(sector.code, sector.label, query.sector)),
        outcomes: OUTCOMES.map((outcome) => option(outcome, t(`review.outcomes.${outcome}`), query.outcome)),
        assigned: (['me', 'unassigned'] as const).map((value) => option(value, t(`review.assigned.${value}`), query.assigned)),
        sorts: (['score', 'age'] as const).map((value) => option(value, t(`review.sorts.${value}`), query.sort)),
      },
    };
  }
}
