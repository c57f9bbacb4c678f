import { ValidationFailedError, isCents } from '@fa/shared';
import { EntityManager } from 'typeorm';
import { ReviewRepository } from './review.repository';
import { ReviewError, ReviewErrorCode } from './review.error';

/** An amount recommended or approved: positive cents, ≤ the amount requested, ≤ the program's ceiling. */
export function assertGrantAmount(amountCents: number | null, requestedCents: number | null, ceilingCents: number): asserts amountCents is number {
  if (amountCents === null || !isCents(amountCents) || amountCents <= 0) {
    throw new ValidationFailedError([{ field: 'amountCents', problems: ['amountCents must be a positive whole number of cents for an approval'] }]);
  }
  if (amountCents > ceilingCents) {
    throw new ReviewError(ReviewErrorCode.AMOUNT_ABOVE_CEILING, 'The amount is above the program’s ceiling per enterprise.', { amountCents, ceilingCents });
  }
  if (requestedCents === null || amountCents > requestedCents) {
    throw new ReviewError(ReviewErrorCode.AMOUNT_ABOVE_REQUESTED, 'The amount is above the amount the enterprise requested.', { amountCents, requestedCents });
  }
}

/** A file a person confirmed ineligible is not approved (fund-rules.md §4: the person's confirmation stands). */
export async function assertNotConfirmedIneligible(reviews: ReviewRepository, manager: EntityManager, applicationId: string): Promise<void> {
  if ((await reviews.confirmedOutcome(manager, applicationId)) === 'INELIGIBLE') {
    throw new ReviewError(ReviewErrorCode.CONFIRMED_INELIGIBLE, 'A reviewer confirmed this application is not eligible: it cannot be approved.');
  }
}
