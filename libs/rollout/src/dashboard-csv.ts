import { centsAsDecimal, csvText } from '@fa/shared';
import { RolloutDashboard, RolloutFigures, TargetFigures } from './rollout.types';

const HEADER = [
  'region_code', 'region_name_fr', 'region_name_en', 'wave', 'received', 'eligible', 'smes_funded', 'target_smes_funded',
  'approved', 'awarded', 'committed', 'disbursed', 'ai_jobs_planned', 'ai_jobs_reported', 'target_ai_jobs', 'period', 'as_of',
];

/**
 * The dashboard's figures as a CSV file: a line per target region, then the other regions and
 * the total, held against the current period's targets. Amounts are dollars with two decimals.
 */
export function dashboardCsv(dashboard: RolloutDashboard): string {
  const period = dashboard.period?.periodCode ?? '';
  const line = (code: string, nameFr: string, nameEn: string, wave: string, figures: RolloutFigures, target: TargetFigures | null) => [
    code, nameFr, nameEn, wave, String(figures.received), String(figures.eligible), String(figures.smesFunded), target?.smesFunded?.toString() ?? '',
    centsAsDecimal(figures.approvedCents), centsAsDecimal(figures.awardedCents), centsAsDecimal(figures.committedCents), centsAsDecimal(figures.disbursedCents),
    String(figures.aiJobsPlanned), String(figures.aiJobsReported), target?.aiJobs?.toString() ?? '', period, dashboard.asOf,
  ];
  return csvText([
    HEADER,
    ...dashboard.regions.map((region) => line(region.regionCode, region.nameFr, region.nameEn, String(region.waveNumber), region, region.target)),
    line('OTHER', 'Autres régions', 'Other regions', '', dashboard.otherRegions, null),
    line('TOTAL', 'Total', 'Total', '', dashboard.total, dashboard.period?.target ?? null),
  ]);
}
