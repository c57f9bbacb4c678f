import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * An export's reads can outlast the pool's 30 s statement limit (a long COPY, a slow client
 * holding it back), but not forever: a stalled download gives its connection back.
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

  private constructor(
    private readonly client: PoolClient,
    private readonly release: (error?: Error) => void,
  ) {}

  static async open(dataSource: DataSource): Promise<ReadSnapshot> {
    const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET LOCAL statement_timeout = '${EXPORT_STATEMENT_TIMEOUT}'`);
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${EXPORT_IDLE_TIMEOUT}'`);
    } catch (error) {
      release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    return new ReadSnapshot(client, release);
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
      this.release();
    } catch (error) {
      this.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  abort(reason: Error): void {
    if (this.done) return;
    this.done = true;
    this.release(reason);
  }
}
