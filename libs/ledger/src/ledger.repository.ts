import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { EntryType, RefusalCode } from './ledger.types';

export interface StoredCommand {
  requestHash: string;
  outcome: 'POSTED' | 'REFUSED';
  refusalCode: RefusalCode | null;
  refusalDetails: Record<string, unknown> | null;
  entryId: string | null;
  position: number | null;
}

export interface NewEntry {
  id: string;
  idempotencyKey: string;
  type: EntryType;
  amountCents: number;
  debitAccount: string;
  creditAccount: string;
  grantId: string | null;
  regionCode: string | null;
  sectorCode: string | null;
  actor: string;
  reason: string;
  occurredAt: Date;
}

/** Every query on the journal, its accounts and its idempotency records. */
@Injectable()
export class LedgerRepository {
  async findCommand(manager: EntityManager, key: string): Promise<StoredCommand | null> {
    const rows = (await manager.query(
      `SELECT c.request_hash AS "requestHash", c.outcome, c.refusal_code AS "refusalCode", c.refusal_details AS "refusalDetails",
              e.id AS "entryId", e.position::int AS position
         FROM ledger_command c LEFT JOIN ledger_entry e ON e.idempotency_key = c.idempotency_key
        WHERE c.idempotency_key = $1`,
      [key],
    )) as StoredCommand[];
    return rows[0] ?? null;
  }

  /** Records the outcome of a key; false when another transaction recorded it first. */
  async recordCommand(manager: EntityManager, key: string, requestHash: string, refusal: { code: RefusalCode; details: Record<string, unknown> } | null): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO ledger_command (idempotency_key, request_hash, outcome, refusal_code, refusal_details)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [key, requestHash, refusal ? 'REFUSED' : 'POSTED', refusal?.code ?? null, refusal ? JSON.stringify(refusal.details) : null],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The balance of an account, its row locked: the guard of every limit checked against it. */
  async lockBalance(manager: EntityManager, code: string): Promise<number | null> {
    const rows = (await manager.query('SELECT balance_cents FROM ledger_account WHERE code = $1 FOR UPDATE', [code])) as { balance_cents: string }[];
    return rows.length === 0 ? null : toCents(rows[0].balance_cents);
  }

  async ensureGrantAccount(manager: EntityManager, kind: 'COMMITTED' | 'DISBURSED' | 'RECEIVABLE', programCode: string, grantId: string): Promise<string> {
    const code = `${kind}:${grantId}`;
    await manager.query('INSERT INTO ledger_account (code, kind, program_code, grant_id) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING', [code, kind, programCode, grantId]);
    return code;
  }

  async insertEntry(manager: EntityManager, entry: NewEntry): Promise<number> {
    // position, previous_hash and hash are set by the chaining trigger.
    const rows = (await manager.query(
      `INSERT INTO ledger_entry (id, position, idempotency_key, entry_type, amount_cents, debit_account, credit_account, grant_id,
                                 region_code, sector_code, actor, reason, occurred_at, previous_hash, hash)
       VALUES ($1, 0, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '', '') RETURNING position::int AS position`,
      [entry.id, entry.idempotencyKey, entry.type, entry.amountCents, entry.debitAccount, entry.creditAccount, entry.grantId,
        entry.regionCode, entry.sectorCode, entry.actor, entry.reason, entry.occurredAt],
    )) as { position: number }[];
    return rows[0].position;
  }
}
