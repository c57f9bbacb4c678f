export * from './administration.module';
export * from './administration.error';
export * from './program-administration.service';
export type { ProgramSettingsDocument } from './program-settings-document';
export { settingsProblems, TARGET_REGION_COUNT } from './settings-validation';
export type { SettingsProblem, SettingsRule } from './settings-validation';
