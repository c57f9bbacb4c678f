import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, currentCorrelationId } from '@fa/shared';
import { AuditOutcome } from './audit-event.entity';

export interface AuditActor {
  /** The account acting, or null for an anonymous caller (a failed login, a registration). */
  accountId: string | null;
  /** What a reader of the trail recognises: an e-mail address, "system", "cli (user)". */
  label: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** Dotted verb of what happened: `auth.login`, `account.disabled`, `organization.access_denied`. */
  action: string;
  object?: { type: string; id: string };
  outcome: AuditOutcome;
  clientAddress?: string | null;
  /** Facts that explain the event; never a password, token or session id. */
  details?: Record<string, unknown>;
}

/** A signed-in person acting through a request: who, and from which address. */
export interface AuditCaller {
  account: { id: string; email: string };
  clientAddress: string | null;
}

/** An object id as the trail can keep it, whatever a caller typed: no control characters, 200 characters at most. */
export function printableObjectId(id: string): string {
  return [...id].filter((character) => character > '\u001f' && character !== '\u007f').join('').slice(0, 200);
}

export interface AuditFilter {
  /** Prefix of the action: `auth.` matches every sign-in and sign-out. */
  action?: string;
  /** The actor as recorded (an e-mail address, `cli (…)`). */
  actor?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  /** Chain position to continue below (the smallest one of the previous page). */
  before?: number;
  limit?: number;
}

export interface AuditEventView {
  id: string;
  chainPosition: number;
  occurredAt: string;
  actor: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  clientAddress: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** Why the chain breaks where it does; pages say it in the reader's language (`audit.breaks.<code>`). */
export type ChainBreakCode = 'ROW_MISSING' | 'LINK_MISMATCH' | 'CONTENT_MISMATCH' | 'TAIL_MISSING';

const CHAIN_BREAK_REASONS: Record<ChainBreakCode, string> = {
  ROW_MISSING: 'a row before this one is missing',
  LINK_MISMATCH: 'its link to the previous row does not match',
  CONTENT_MISMATCH: 'its content does not match its hash',
  TAIL_MISSING: 'rows at the end are missing',
};

export interface ChainVerification {
  valid: boolean;
  rowsChecked: number;
  /** The first row where the chain breaks, and why. */
  firstBreak?: { chainPosition: number; id: string | null; reason: string; code: ChainBreakCode };
}

/**
 * The audit trail. Entries are written in the caller's transaction, so an entry exists if
 * and only if the change it records committed; the database chains each row to the previous
 * one and refuses any change or deletion.
 */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (id, chain_position, occurred_at, actor_account_id, actor_label, action, object_type, object_id,
         outcome, client_address, correlation_id, details, previous_hash, hash)
       VALUES ($1, 0, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', '')`,
      [
        randomUUID(),
        this.clock.now(),
        entry.actor.accountId,
        entry.actor.label.slice(0, 320),
        entry.action,
        entry.object?.type ?? null,
        entry.object ? printableObjectId(entry.object.id) : null,
        entry.outcome,
        entry.clientAddress ?? null,
        currentCorrelationId(this.logger) ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  /**
   * Entries, newest first, filtered; `before` (a chain position) pages through them without
   * OFFSET, so a page costs the same deep in a long trail.
   */
  async search(filter: AuditFilter): Promise<AuditEventView[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    // A prefix, as the export reads it (`agreement.tranche_released` matches itself: `_` is no wildcard here).
    if (filter.action) add('starts_with(action, ?)', filter.action);
    if (filter.actor) add('actor_label = ?', filter.actor.trim().toLowerCase());
    if (filter.objectType) add('object_type = ?', filter.objectType);
    if (filter.objectId) add('object_id = ?', filter.objectId);
    if (filter.outcome) add('outcome = ?', filter.outcome);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    if (filter.before) add('chain_position < ?', filter.before);
    params.push(Math.min(Math.max(filter.limit ?? 50, 1), 500));
    const rows = (await this.dataSource.query(
      `SELECT id, chain_position::text AS "chainPosition", occurred_at AS "occurredAt", actor_label AS "actor", action,
              object_type AS "objectType", object_id AS "objectId", outcome, client_address AS "clientAddress",
              correlation_id AS "correlationId", details, hash
         FROM audit_event ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY chain_position DESC LIMIT $${params.length}`,
      params,
    )) as (Omit<AuditEventView, 'chainPosition' | 'occurredAt'> & { chainPosition: string; occurredAt: Date })[];
    return rows.map((row) => ({ ...row, chainPosition: Number(row.chainPosition), occurredAt: row.occurredAt.toISOString() }));
  }

  /** A person's successful action, inside the transaction of the change it records. */
  recordBy(manager: EntityManager, caller: AuditCaller, action: string, object: { type: string; id: string }, details?: Record<string, unknown>): Promise<void> {
    return this.record(manager, { actor: actorOf(caller), action, object, outcome: 'SUCCESS', clientAddress: caller.clientAddress, details });
  }

  /** A person refused access to an object (recorded on its own: the request changes nothing). */
  recordDenied(caller: AuditCaller, action: string, object: { type: string; id: string }): Promise<void> {
    return this.recordAlone({ actor: actorOf(caller), action, object, outcome: 'DENIED', clientAddress: caller.clientAddress });
  }

  /** Records an event on its own (for events that change nothing else, such as a refused login). */
  recordAlone(entry: AuditEntry): Promise<void> {
    return this.dataSource.transaction((manager) => this.record(manager, entry));
  }

  /**
   * Recomputes every hash in the database and checks the links, the positions and the chain
   * head; names the first row that breaks the chain (changed, inserted out of the chain, or
   * following a removed row) or says that rows are missing at the end.
   */
  async verifyChain(): Promise<ChainVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM audit_event')) as { count: number }[];
      const breaks = (await manager.query(`
        WITH chain AS (
          SELECT id, chain_position, previous_hash, hash, audit_event_digest(e) AS expected_hash,
                 coalesce(lag(hash) OVER w, repeat('0', 64)) AS expected_previous,
                 coalesce(lag(chain_position) OVER w, 0) AS prior_position
            FROM audit_event e WINDOW w AS (ORDER BY chain_position))
        SELECT id, chain_position::text AS position,
               CASE WHEN chain_position <> prior_position + 1 THEN 'ROW_MISSING'
                    WHEN previous_hash <> expected_previous THEN 'LINK_MISMATCH'
                    ELSE 'CONTENT_MISMATCH' END AS code
          FROM chain
         WHERE hash <> expected_hash OR previous_hash <> expected_previous OR chain_position <> prior_position + 1
         ORDER BY chain_position LIMIT 1`)) as { id: string; position: string; code: ChainBreakCode }[];
      if (breaks.length > 0) {
        const [row] = breaks;
        return { valid: false, rowsChecked: count, firstBreak: { chainPosition: Number(row.position), id: row.id, code: row.code, reason: CHAIN_BREAK_REASONS[row.code] } };
      }
      const [head] = (await manager.query(`
        SELECT h.position::text AS position, h.hash, (SELECT hash FROM audit_event ORDER BY chain_position DESC LIMIT 1) AS last_hash
          FROM audit_chain_head h`)) as { position: string; hash: string; last_hash: string | null }[];
      if (Number(head.position) !== count || (count > 0 && head.hash !== head.last_hash)) {
        return { valid: false, rowsChecked: count, firstBreak: { chainPosition: count + 1, id: null, code: 'TAIL_MISSING', reason: `${CHAIN_BREAK_REASONS.TAIL_MISSING} (the chain head says ${head.position} rows)` } };
      }
      return { valid: true, rowsChecked: count };
    });
  }
}

function actorOf(caller: AuditCaller): AuditActor {
  return { accountId: caller.account.id, label: caller.account.email };
}
