import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * The correlation id of the request or job being handled, available to any code below it
 * without passing it through every call: the outbox stamps it on the events it writes.
 */
export const CorrelationContext = {
  run<T>(correlationId: string, work: () => T): T {
    return storage.run({ correlationId }, work);
  },
  current(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
