import { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL SQLSTATEs that mean "nothing happened, try again": serialization failure, deadlock. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Total attempts, the first included. */
  maxAttempts?: number;
  /** Base of the exponential back-off, in milliseconds; full jitter is applied. */
  baseDelayMs?: number;
  /** Called before each retry; used for logging and by tests to count retries. */
  onRetry?: (attempt: number, error: unknown) => void;
}

export function isRetryableTransactionError(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  // TypeORM wraps driver errors in QueryFailedError and keeps the original as driverError.
  const driver = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driver?.code === 'string' ? driver.code : undefined;
}

/** Full-jitter exponential back-off (AWS architecture blog): uniform in [0, base·2^attempt]. */
export function backoffDelayMs(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  const ceiling = baseDelayMs * 2 ** Math.min(attempt, 10);
  return Math.floor(random() * ceiling);
}

/**
 * Runs `work` in one transaction and retries the whole unit when PostgreSQL reports a
 * serialization failure or a deadlock, a bounded number of times. `work` must therefore be
 * free of side effects outside the database (mail goes through the outbox).
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const isolation = options.isolation ?? 'READ COMMITTED';
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(isolation, work);
    } catch (error) {
      if (!isRetryableTransactionError(error) || attempt >= maxAttempts) throw error;
      options.onRetry?.(attempt, error);
      await sleep(backoffDelayMs(attempt, baseDelayMs));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
