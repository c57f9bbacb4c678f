export * from './review.module';
export * from './review.error';
export * from './conflict-declarations.service';
export * from './review-grid';
export * from './screening-confirmation.service';
export * from './reviews.service';
export type { StoredReview } from './review.repository';
