import { ApplicationState } from '@fa/intake';

/** The states a reviewer's queue lists when no status is asked for: submitted and not yet decided. */
export const QUEUE_STATES: readonly ApplicationState[] = ['SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'CHANGES_REQUESTED'];
/** The states of a file on which a decision was taken (approved or declined, and what follows an approval). */
export const DECIDED_STATES: readonly ApplicationState[] = ['APPROVED', 'DECLINED', 'AGREEMENT_SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED'];
