import { DomainError } from '@fa/shared';

export enum ReviewErrorCode {
  CONFLICT_DECLARATION_REQUIRED = 'CONFLICT_DECLARATION_REQUIRED',
  RECUSED_FROM_FILE = 'RECUSED_FROM_FILE',
  ALREADY_REVIEWED = 'ALREADY_REVIEWED',
}

/** Failures of the review context, each with a stable code. */
export class ReviewError extends DomainError<ReviewErrorCode> {
  constructor(code: ReviewErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
