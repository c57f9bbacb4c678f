import { TimedResponse } from './applicants';
import { SessionSamples, watchSessions } from './db-sessions';
import { percentile } from './statistics';

/** One phase of requests sent by the harness, with the server's database sessions sampled meanwhile. */
export interface MeasuredPhase {
  name: string;
  responses: TimedResponse[];
  wallMs: number;
  sessions: SessionSamples | null;
}

export async function measurePhase(databaseUrl: string, name: string, run: () => Promise<TimedResponse[]>): Promise<MeasuredPhase> {
  const sessions = watchSessions(databaseUrl);
  const started = performance.now();
  const responses = await run();
  const wallMs = performance.now() - started;
  return { name, responses, wallMs, sessions: await sessions.stop() };
}

/** Each request sent once the previous one is answered: the baseline of a queue of one. */
export async function oneAtATime<T>(items: T[], send: (item: T) => Promise<TimedResponse>): Promise<TimedResponse[]> {
  const responses: TimedResponse[] = [];
  for (const item of items) responses.push(await send(item));
  return responses;
}

/** A line per phase: its busiest sample of database sessions and its last one. */
export function sessionLines(phases: MeasuredPhase[]): string {
  return phases
    .map(({ name, sessions }) => `- ${name}: ${sessions ? `${sessions.busiest.text}; at the end of the phase: ${sessions.last.text}` : 'no sample (shorter than one interval)'}`)
    .join('\n');
}

/** What one phase of requests gave, as the harness saw it. */
export interface PhaseStats {
  ok: number;
  clientErrors: number;
  serverErrors: number;
  /** Network failures and timeouts. */
  noAnswer: number;
  /** Every status with its count, e.g. "201 × 199, 409 × 1" ("none" for no answer). */
  statuses: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** 2xx answers per second of the phase's wall time. */
  perSecond: number;
}

export function phaseStats(responses: TimedResponse[], wallMs: number): PhaseStats {
  const count = (low: number, high: number) => responses.filter((response) => response.status >= low && response.status < high).length;
  const latencies = responses.map((response) => response.ms);
  const byStatus = new Map<number, number>();
  for (const { status } of responses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  const ok = count(200, 300);
  return {
    ok,
    clientErrors: count(400, 500),
    serverErrors: count(500, 600),
    noAnswer: responses.filter((response) => response.error !== undefined).length,
    statuses: [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status === 0 ? 'none' : status} × ${n}`).join(', '),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    perSecond: ok / (wallMs / 1000),
  };
}
