/**
 * Retries an assertion until it passes or the time is up, for effects another process
 * produces (the worker, the job queue). Fails with the assertion's last error.
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
