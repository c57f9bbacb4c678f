import { ValidationFailedError } from '@fa/shared';

/** An Idempotency-Key header: 8–100 characters among A-Z a-z 0-9 . _ : - */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** The Idempotency-Key every money-moving request carries, so a client that lost the answer can ask again. */
export function requiredIdempotencyKey(value: string | undefined): string {
  if (value === undefined || !IDEMPOTENCY_KEY.test(value)) {
    throw new ValidationFailedError([{ field: 'Idempotency-Key', problems: ['Idempotency-Key must be 8 to 100 characters among A-Z a-z 0-9 . _ : -'] }]);
  }
  return value;
}
