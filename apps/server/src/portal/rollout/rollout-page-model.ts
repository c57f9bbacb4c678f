import { Locale, formatMoney, formatMoneyWhole, formatNumber } from '@fa/shared';
import { RegionRollout, RolloutDashboard, RolloutFigures, RolloutPeriod } from '@fa/rollout';
import { barChart } from './bar-chart';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const label = (locale: Locale, fr: string, en: string) => (locale === 'fr' ? fr : en);
const periodLabel = (period: RolloutPeriod | null, locale: Locale) => (period ? label(locale, period.labelFr, period.labelEn) : null);

/** `2026-Q3` as a person reads it: « T3 2026 », "Q3 2026". */
const quarterLabel = (quarter: string, locale: Locale) => {
  const match = /^(\d{4})-Q(\d)$/.exec(quarter);
  return match ? `${locale === 'fr' ? 'T' : 'Q'}${match[2]} ${match[1]}` : quarter;
};

/** One line of the figures table: a region, the other regions, or the total. */
function figuresRow(name: string, figures: RolloutFigures, locale: Locale, extra: Record<string, unknown> = {}) {
  return {
    name, ...extra,
    received: formatNumber(figures.received, locale), eligible: formatNumber(figures.eligible, locale), smesFunded: formatNumber(figures.smesFunded, locale),
    approved: formatMoneyWhole(figures.approvedCents, locale), committed: formatMoneyWhole(figures.committedCents, locale), disbursed: formatMoneyWhole(figures.disbursedCents, locale),
    aiJobsPlanned: formatNumber(figures.aiJobsPlanned, locale), aiJobsReported: formatNumber(figures.aiJobsReported, locale),
  };
}

const target = (value: number | null | undefined, locale: Locale) => (value === null || value === undefined ? '—' : formatNumber(value, locale));

/** The staff dashboard: figures by region against the period's targets, the envelope, the timeline, with charts beside their tables. */
export function dashboardModel(dashboard: RolloutDashboard, locale: Locale, t: Translate) {
  const name = (region: RegionRollout) => label(locale, region.nameFr, region.nameEn);
  // Without any target period the charts and captions still read as sentences.
  const period = periodLabel(dashboard.period, locale) ?? t('rollout.noPeriod');
  const envelope = dashboard.envelope;
  return {
    pageTitle: t('rollout.title'),
    asOf: dashboard.asOf,
    period,
    periodRange: dashboard.period ? { startsOn: dashboard.period.startsOn, endsOn: dashboard.period.endsOn } : null,
    totalTarget: { smesFunded: target(dashboard.period?.target.smesFunded, locale), aiJobs: target(dashboard.period?.target.aiJobs, locale) },
    cards: [
      { label: t('rollout.cards.smesFunded'), value: formatNumber(dashboard.total.smesFunded, locale), detail: dashboard.period?.target.smesFunded ? t('rollout.cards.ofTarget', { target: formatNumber(dashboard.period.target.smesFunded, locale), period }) : '' },
      { label: t('rollout.cards.available'), value: formatMoneyWhole(envelope.availableCents, locale), detail: t('rollout.cards.ofEnvelope', { envelope: formatMoneyWhole(envelope.envelopeCents, locale) }) },
      { label: t('rollout.cards.moreSmes'), value: formatNumber(envelope.moreSmesAtAverage, locale), detail: t('rollout.cards.atAverage', { average: formatMoneyWhole(envelope.averageGrantCents, locale) }) },
      { label: t('rollout.cards.aiJobs'), value: formatNumber(dashboard.total.aiJobsReported, locale), detail: t('rollout.cards.jobsPlanned', { planned: formatNumber(dashboard.total.aiJobsPlanned, locale), target: target(dashboard.period?.target.aiJobs, locale) }) },
    ],
    tension: envelope.averageGrantForTargetCents !== null
      ? t('rollout.tension', { smes: formatNumber(envelope.smesToTarget, locale), period, average: formatMoney(envelope.averageGrantForTargetCents, locale), current: formatMoneyWhole(envelope.averageGrantCents, locale) })
      : null,
    envelope: {
      envelope: formatMoney(envelope.envelopeCents, locale), available: formatMoney(envelope.availableCents, locale), committed: formatMoney(envelope.committedCents, locale),
      disbursed: formatMoney(envelope.disbursedCents, locale), receivable: formatMoney(envelope.receivableCents, locale),
    },
    regions: dashboard.regions.map((region) => figuresRow(name(region), region, locale, {
      code: region.regionCode, wave: region.waveNumber, state: t(region.open ? 'rollout.open' : 'rollout.notYetOpen'),
      targetSmes: target(region.target?.smesFunded, locale), targetJobs: target(region.target?.aiJobs, locale),
    })),
    otherRegions: figuresRow(t('rollout.otherRegions'), dashboard.otherRegions, locale),
    total: figuresRow(t('rollout.total'), dashboard.total, locale),
    periods: dashboard.periods.map((candidate) => ({
      label: label(locale, candidate.labelFr, candidate.labelEn), startsOn: candidate.startsOn, endsOn: candidate.endsOn, current: candidate.periodCode === dashboard.period?.periodCode,
      smes: target(candidate.target.smesFunded, locale), jobs: target(candidate.target.aiJobs, locale),
    })),
    timeline: dashboard.timeline.map((quarter) => ({
      quarter: quarterLabel(quarter.quarter, locale), received: formatNumber(quarter.received, locale), approved: formatNumber(quarter.approved, locale),
      committed: formatMoneyWhole(quarter.committedCents, locale), disbursed: formatMoneyWhole(quarter.disbursedCents, locale),
    })),
    fundedChart: barChart(
      { id: 'chart-funded', title: t('rollout.charts.funded', { period }), description: t('rollout.charts.fundedDescription'), tableId: 'regions-table', series: [{ name: t('rollout.columns.smesFunded'), className: 'funded' }] },
      dashboard.regions.map((region) => ({
        label: name(region), values: [region.smesFunded], valueLabels: [formatNumber(region.smesFunded, locale)],
        target: region.target?.smesFunded ?? null, targetLabel: t('rollout.charts.target', { value: target(region.target?.smesFunded, locale) }),
      })),
    ),
    moneyChart: barChart(
      {
        id: 'chart-money', title: t('rollout.charts.money'), description: t('rollout.charts.moneyDescription'), tableId: 'regions-table',
        series: [{ name: t('rollout.columns.committed'), className: 'committed' }, { name: t('rollout.columns.disbursed'), className: 'disbursed' }],
      },
      dashboard.regions.map((region) => ({
        label: name(region), values: [region.committedCents, region.disbursedCents], valueLabels: [formatMoneyWhole(region.committedCents, locale), formatMoneyWhole(region.disbursedCents, locale)],
      })),
    ),
    timelineChart: barChart(
      {
        id: 'chart-timeline', title: t('rollout.charts.timeline'), description: t('rollout.charts.timelineDescription'), tableId: 'timeline-table',
        series: [{ name: t('rollout.columns.received'), className: 'received' }, { name: t('rollout.columns.approved'), className: 'approved' }],
      },
      dashboard.timeline.map((quarter) => ({
        label: quarterLabel(quarter.quarter, locale), values: [quarter.received, quarter.approved], valueLabels: [formatNumber(quarter.received, locale), formatNumber(quarter.approved, locale)],
      })),
    ),
    csvHref: '/rollout/figures.csv',
  };
}

/** The public page: by region, the SMEs funded, the money granted and the AI jobs; nothing about anyone. */
export function publicProgressModel(dashboard: RolloutDashboard, locale: Locale, t: Translate) {
  const name = (region: RegionRollout) => label(locale, region.nameFr, region.nameEn);
  const row = (title: string, figures: RolloutFigures, extra: Record<string, unknown> = {}) => ({
    name: title, ...extra, smesFunded: formatNumber(figures.smesFunded, locale), approved: formatMoneyWhole(figures.awardedCents, locale),
    disbursed: formatMoneyWhole(figures.disbursedCents, locale), aiJobsPlanned: formatNumber(figures.aiJobsPlanned, locale), aiJobsReported: formatNumber(figures.aiJobsReported, locale),
  });
  return {
    pageTitle: t('progress.title'),
    asOf: dashboard.asOf,
    intro: t('progress.intro', { envelope: formatMoneyWhole(dashboard.envelope.envelopeCents, locale), ceiling: formatMoneyWhole(dashboard.envelope.grantCeilingCents, locale) }),
    cards: [
      { label: t('progress.cards.smesFunded'), value: formatNumber(dashboard.total.smesFunded, locale) },
      { label: t('progress.cards.granted'), value: formatMoneyWhole(dashboard.total.awardedCents, locale) },
      { label: t('progress.cards.available'), value: formatMoneyWhole(dashboard.envelope.availableCents, locale) },
      { label: t('progress.cards.aiJobs'), value: formatNumber(dashboard.total.aiJobsPlanned, locale) },
    ],
    regions: dashboard.regions.map((region) => row(name(region), region, { state: t(region.open ? 'rollout.open' : 'rollout.opensLater') })),
    // The total counts every file: those outside the target regions have their line, so the table adds up.
    otherRegions: row(t('rollout.otherRegions'), dashboard.otherRegions, { state: '—' }),
    total: row(t('rollout.total'), { ...dashboard.total }),
    fundedChart: barChart(
      { id: 'chart-public-funded', title: t('progress.chart'), description: t('progress.chartDescription'), tableId: 'progress-table', series: [{ name: t('rollout.columns.smesFunded'), className: 'funded' }] },
      dashboard.regions.map((region) => ({ label: name(region), values: [region.smesFunded], valueLabels: [formatNumber(region.smesFunded, locale)] })),
    ),
    openDataHref: '/api/v1/open-data/grants',
    openDataCsvHref: '/api/v1/open-data/grants?format=csv',
  };
}
