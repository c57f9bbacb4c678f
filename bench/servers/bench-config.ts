import { AppConfig, Clock, TravelClock, loadConfig } from '@fa/shared';

/** Connections in the pool of the server under benchmark. */
export const POOL_SIZE = 10;

/**
 * The configuration of the real server app under benchmark: production, silent logs unless
 * asked (BENCH_LOG_LEVEL, e.g. `error` to see every 5xx), pool of 10. The harness reads it
 * too, to sign bearer tokens exactly as the server's token endpoint does.
 */
export function benchServerConfig(databaseUrl: string | undefined, logLevel = process.env.BENCH_LOG_LEVEL ?? 'silent'): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    SMTP_HOST: '127.0.0.1',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    API_TOKEN_SECRET: 'bench-api-token-secret-0123456789abcdef',
  });
}

/** BENCH_CLOCK_START (an ISO instant) starts the server's clock there; unset, the server keeps the system clock. */
export function clockFromEnvironment(): Clock | undefined {
  const start = process.env.BENCH_CLOCK_START;
  if (!start) return undefined;
  const instant = new Date(start);
  if (Number.isNaN(instant.getTime())) throw new Error(`BENCH_CLOCK_START is not an ISO instant: "${start}"`);
  return new TravelClock(instant);
}
