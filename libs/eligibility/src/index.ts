export * from './screening.types';
export * from './rules';
export * from './priority-score';
export * from './rule-sets';
