export * from './rollout.module';
export * from './rollout-dashboard.service';
export * from './open-data.service';
export { dashboardCsv } from './dashboard-csv';
export { grantsCsv } from './open-data-csv';
export type * from './rollout.types';
export {
  ENVELOPE as ROLLOUT_ENVELOPE_SQL, FIGURES_BY_REGION as ROLLOUT_FIGURES_SQL, QUARTER_STARTS as ROLLOUT_QUARTER_STARTS_SQL, REGIONAL_TARGETS as ROLLOUT_TARGETS_SQL, TIMELINE as ROLLOUT_TIMELINE_SQL,
} from './rollout.sql';
