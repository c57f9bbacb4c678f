import { backoffDelayMs, isRetryableTransactionError } from './run-in-transaction';

describe('transaction retry policy', () => {
  it('retries serialization failures and deadlocks, bare or wrapped by TypeORM', () => {
    expect(isRetryableTransactionError({ code: '40001' })).toBe(true);
    expect(isRetryableTransactionError({ code: '40P01' })).toBe(true);
    expect(isRetryableTransactionError({ driverError: { code: '40001' } })).toBe(true);
  });

  it('does not retry other failures', () => {
    expect(isRetryableTransactionError({ code: '23505' })).toBe(false);
    expect(isRetryableTransactionError(new Error('boom'))).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
  });

  it('spreads retries with full jitter under an exponential ceiling', () => {
    expect(backoffDelayMs(1, 5, () => 0)).toBe(0);
    expect(backoffDelayMs(1, 5, () => 0.999)).toBe(9);
    expect(backoffDelayMs(3, 5, () => 0.999)).toBe(39);
    expect(backoffDelayMs(50, 5, () => 0.999)).toBeLessThan(5 * 2 ** 10 + 1);
  });
});
