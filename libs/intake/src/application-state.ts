/**
 * The states of an application and the transitions allowed between them, as data
 * (fund-rules.md §6). Any transition not listed here is refused with INVALID_TRANSITION.
 */
export const APPLICATION_STATES = [
  'DRAFT', 'SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED', 'DECLINED',
  'AGREEMENT_SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED', 'CHANGES_REQUESTED', 'WITHDRAWN',
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

const BEFORE_DECISION: ApplicationState[] = ['DRAFT', 'SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'CHANGES_REQUESTED'];

export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationState, readonly ApplicationState[]>> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['SCREENED', 'WITHDRAWN'],
  SCREENED: ['IN_REVIEW', 'CHANGES_REQUESTED', 'WITHDRAWN'],
  IN_REVIEW: ['RECOMMENDED', 'CHANGES_REQUESTED', 'WITHDRAWN'],
  RECOMMENDED: ['APPROVED', 'DECLINED', 'IN_REVIEW', 'WITHDRAWN'],
  APPROVED: ['AGREEMENT_SIGNED'],
  DECLINED: [],
  AGREEMENT_SIGNED: ['ACTIVE', 'TERMINATED'],
  ACTIVE: ['COMPLETED', 'TERMINATED'],
  COMPLETED: [],
  TERMINATED: [],
  CHANGES_REQUESTED: ['SUBMITTED', 'WITHDRAWN'],
  WITHDRAWN: [],
};

export function canTransition(from: ApplicationState, to: ApplicationState): boolean {
  return APPLICATION_TRANSITIONS[from].includes(to);
}

/** States in which the applicant may edit the content: before the first submission, or when a reviewer asked for changes. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['DRAFT', 'CHANGES_REQUESTED'];

/** States that count as an active file of the enterprise (rule E8): submitted and not closed. */
export const ACTIVE_STATES: readonly ApplicationState[] = [
  'SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED', 'AGREEMENT_SIGNED', 'ACTIVE', 'CHANGES_REQUESTED',
];

/** The applicant may withdraw until a decision is taken. */
export const WITHDRAWABLE_STATES: readonly ApplicationState[] = BEFORE_DECISION;
