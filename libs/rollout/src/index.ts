export * from './rollout.module';
export * from './rollout-dashboard.service';
export * from './open-data.service';
export { dashboardCsv } from './dashboard-csv';
export { grantsCsv } from './open-data-csv';
export type * from './rollout.types';
