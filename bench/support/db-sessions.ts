import { Client } from 'pg';

/** How often the server's database sessions are sampled during a phase. */
export const SAMPLE_EVERY_MS = 500;
/** The application_name of the server's pooled connections. */
const APPLICATION_NAME = 'fa-server';

export interface SessionSamples {
  busiest: SessionSample;
  /** The last sample before the phase ended. */
  last: SessionSample;
}

export interface SessionSample {
  /** e.g. "10 idle in transaction (Client:ClientRead)". */
  text: string;
  busy: number;
  idleInTransaction: number;
}

/**
 * Samples the server's database sessions (by state and wait) every SAMPLE_EVERY_MS while a
 * phase runs, and keeps the busiest sample: it shows whether the transactions work or wait.
 */
export function watchSessions(databaseUrl: string): { stop(): Promise<SessionSamples | null> } {
  let running = true;
  let busiest: SessionSample | null = null;
  let last: SessionSample | null = null;
  const client = new Client({ connectionString: databaseUrl });
  const loop = (async () => {
    await client.connect();
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      if (!running) break;
      // A session waiting on a lock also shows the start of its statement: it says which lock.
      const result = await client.query<{ state: string | null; wait: string | null; sessions: number }>(
        `SELECT state,
                wait_event_type || ':' || wait_event || CASE WHEN wait_event_type = 'Lock' THEN ' in "' || left(regexp_replace(query, '\\s+', ' ', 'g'), 24) || '…"' ELSE '' END AS wait,
                count(*)::int AS sessions
           FROM pg_stat_activity WHERE application_name = $1 GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
        [APPLICATION_NAME],
      );
      const sum = (rows: typeof result.rows) => rows.reduce((total, row) => total + row.sessions, 0);
      const busy = sum(result.rows.filter((row) => row.state !== 'idle'));
      last = {
        text: result.rows.map((row) => `${row.sessions} ${row.state ?? '?'}${row.wait ? ` (${row.wait})` : ''}`).join(', ') || 'none',
        busy,
        idleInTransaction: sum(result.rows.filter((row) => row.state === 'idle in transaction')),
      };
      if (!busiest || busy > busiest.busy) busiest = last;
    }
  })();
  return {
    async stop() {
      running = false;
      try {
        await loop;
      } finally {
        await client.end();
      }
      return busiest && last ? { busiest, last } : null;
    },
  };
}

