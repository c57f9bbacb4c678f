import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  warmUpSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Mean of the per-second samples of completed requests. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** A warm-up run (discarded, lets the JIT and the pools settle), then the measured run. */
export async function measureLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  await fire(url, options.connections, options.warmUpSeconds);
  const result = await fire(url, options.connections, options.durationSeconds);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total };
}

async function fire(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  const result = await autocannon({ url, connections, duration });
  const problems = [
    result.requests.total === 0 ? 'no request completed' : '',
    result.non2xx > 0 ? `${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)})` : '',
    result.errors > 0 ? `${result.errors} errors (${result.timeouts} timeouts)` : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Load on ${url} failed: ${problems.join('; ')}`);
  return result;
}
