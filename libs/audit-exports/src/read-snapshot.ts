import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * An export's reads can outlast the pool's 30 s statement limit (a long COPY, a slow client
 * holding it back), but not forever. PostgreSQL does not time out a COPY blocked on sending to
 * a client that stopped reading: the export runner's stall watchdog ends those.
 */
const EXPORT_STATEMENT_TIMEOUT = '30min';
const EXPORT_IDLE_TIMEOUT = '5min';
const CURSOR_BATCH = 1000;

/**
 * One connection of the pool inside a REPEATABLE READ, READ ONLY transaction: every read made
 * through it (totals, chain head, the rows by COPY or cursor) sees the same committed state.
 * `close` commits and gives the connection back; `abort` throws the connection away, which
 * also stops a COPY or query still running on the server.
 */
export class ReadSnapshot {
  private done = false;
  private lostListener: ((error: Error) => void) | undefined;
  /**
   * The session can end while no query runs on it (the idle timeout, a terminated backend, a
   * failover): pg then emits `error` on the client, which the pool does not listen to while the
   * client is lent out, and an unheard `error` would end the whole process.
   */
  private readonly onClientError = (error: Error) => {
    const listener = this.lostListener;
    this.abort(error);
    listener?.(error);
  };

  private constructor(
    private readonly client: PoolClient,
    private readonly release: (error?: Error) => void,
  ) {
    client.on('error', this.onClientError);
  }

  static async open(dataSource: DataSource): Promise<ReadSnapshot> {
    const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
    const snapshot = new ReadSnapshot(client, release);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET LOCAL statement_timeout = '${EXPORT_STATEMENT_TIMEOUT}'`);
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${EXPORT_IDLE_TIMEOUT}'`);
    } catch (error) {
      snapshot.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    return snapshot;
  }

  /** `listener` hears of the session lost under the snapshot (the snapshot is then already given up). */
  onLost(listener: (error: Error) => void): void {
    this.lostListener = listener;
  }

  async query<T>(sql: string): Promise<T[]> {
    return (await this.client.query(sql)).rows as T[];
  }

  /** `COPY (select) TO STDOUT` as CSV with a header line; its `rowCount` is known once the snapshot is closed. */
  copyCsv(select: string): Readable & { rowCount: number } {
    return this.client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`));
  }

  /**
   * The single text column of `select`, one line per row, exactly as PostgreSQL writes it. CSV
   * quotes a value only when it holds the delimiter, the quote character, CR or LF; with two
   * control characters as delimiter and quote, a JSON text (where PostgreSQL escapes every
   * control character and line break) is never quoted, so each line is the JSON itself.
   */
  copyLines(select: string): Readable & { rowCount: number } {
    return this.client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`));
  }

  /** The rows of `select`, a batch at a time from a server-side cursor: memory holds one batch. */
  async *batches(select: string): AsyncGenerator<Record<string, unknown>[]> {
    await this.client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${select}`);
    for (;;) {
      const { rows } = await this.client.query(`FETCH FORWARD ${CURSOR_BATCH} FROM export_rows`);
      if (rows.length === 0) return;
      yield rows as Record<string, unknown>[];
    }
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.client.query('COMMIT');
      this.giveBack();
    } catch (error) {
      this.giveBack(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  abort(reason: Error): void {
    if (this.done) return;
    this.done = true;
    this.giveBack(reason);
  }

  private giveBack(error?: Error): void {
    this.client.removeListener('error', this.onClientError);
    // A client thrown away may still report its socket's end; it no longer concerns anyone.
    if (error) this.client.on('error', () => undefined);
    this.lostListener = undefined;
    this.release(error);
  }
}
