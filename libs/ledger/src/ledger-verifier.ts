import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toCents } from '@fa/shared';
import { EnvelopePosition, LedgerVerification } from './ledger.types';

/** Recomputes everything the ledger promises from the journal itself, inside one snapshot. */
@Injectable()
export class LedgerVerifier {
  async verify(manager: EntityManager): Promise<LedgerVerification> {
    const [{ entries, debits, credits }] = (await manager.query(
      'SELECT count(*)::int AS entries, coalesce(sum(amount_cents), 0)::text AS debits, coalesce(sum(amount_cents), 0)::text AS credits FROM ledger_entry',
    )) as { entries: number; debits: string; credits: string }[];
    const problems: string[] = [];
    const firstBadEntry = await this.firstChainBreak(manager, entries);
    if (firstBadEntry) problems.push(`hash chain broken at entry ${firstBadEntry.position}: ${firstBadEntry.reason}`);
    problems.push(...(await this.balanceProblems(manager)));
    const envelopes = await this.envelopes(manager);
    for (const envelope of envelopes) {
      // Money paid beyond what was due and owed back (receivable) left the disbursed account but not the envelope's accounting.
      const accounted = envelope.availableCents + envelope.committedCents + envelope.disbursedCents + envelope.receivableCents + envelope.recoveredCents;
      if (accounted !== envelope.fundedCents) problems.push(`${envelope.programCode}: available + committed + disbursed + receivable + recovered = ${accounted} ≠ envelope ${envelope.fundedCents}`);
      if (envelope.availableCents < 0) problems.push(`${envelope.programCode}: the envelope is over-committed (available ${envelope.availableCents})`);
    }
    return { valid: problems.length === 0, entriesChecked: entries, totalDebitsCents: toCents(debits), totalCreditsCents: toCents(credits), envelopes, problems, firstBadEntry };
  }

  async envelopes(manager: EntityManager): Promise<EnvelopePosition[]> {
    const rows = (await manager.query(`
      SELECT program_code AS "programCode",
             (-sum(balance_cents) FILTER (WHERE kind = 'ENVELOPE_FUNDING'))::text AS funded,
             coalesce(sum(balance_cents) FILTER (WHERE kind = 'ENVELOPE_AVAILABLE'), 0)::text AS available,
             coalesce(sum(balance_cents) FILTER (WHERE kind = 'COMMITTED'), 0)::text AS committed,
             coalesce(sum(balance_cents) FILTER (WHERE kind = 'DISBURSED'), 0)::text AS disbursed,
             coalesce(sum(balance_cents) FILTER (WHERE kind = 'RECOVERED'), 0)::text AS recovered,
             coalesce(sum(balance_cents) FILTER (WHERE kind = 'RECEIVABLE'), 0)::text AS receivable
        FROM ledger_account GROUP BY program_code ORDER BY program_code`)) as Record<string, string>[];
    return rows.map((row) => ({
      programCode: row.programCode,
      fundedCents: toCents(row.funded ?? '0'),
      availableCents: toCents(row.available),
      committedCents: toCents(row.committed),
      disbursedCents: toCents(row.disbursed),
      recoveredCents: toCents(row.recovered),
      receivableCents: toCents(row.receivable),
    }));
  }

  /** Each account's stored balance against debits − credits recomputed from the journal; and the sum of all balances (Σ debits − Σ credits) is zero. */
  private async balanceProblems(manager: EntityManager): Promise<string[]> {
    const rows = (await manager.query(`
      WITH moves AS (
        SELECT debit_account AS code, amount_cents AS amount FROM ledger_entry
        UNION ALL SELECT credit_account, -amount_cents FROM ledger_entry)
      SELECT a.code, a.balance_cents::text AS stored, coalesce(sum(m.amount), 0)::text AS journal
        FROM ledger_account a LEFT JOIN moves m ON m.code = a.code
       GROUP BY a.code, a.balance_cents
      HAVING a.balance_cents <> coalesce(sum(m.amount), 0)
       ORDER BY a.code LIMIT 10`)) as { code: string; stored: string; journal: string }[];
    const [{ total }] = (await manager.query('SELECT coalesce(sum(balance_cents), 0)::text AS total FROM ledger_account')) as { total: string }[];
    return [
      ...rows.map((row) => `account ${row.code}: balance ${row.stored} ≠ ${row.journal} from the journal`),
      ...(toCents(total) !== 0 ? [`Σ debits − Σ credits over all accounts is ${total}, not 0`] : []),
    ];
  }

  private async firstChainBreak(manager: EntityManager, entries: number): Promise<LedgerVerification['firstBadEntry']> {
    const breaks = (await manager.query(`
      WITH chain AS (
        SELECT id, position, previous_hash, hash, ledger_entry_digest(e) AS expected_hash,
               coalesce(lag(hash) OVER w, repeat('0', 64)) AS expected_previous,
               coalesce(lag(position) OVER w, 0) AS prior_position
          FROM ledger_entry e WINDOW w AS (ORDER BY position))
      SELECT id, position::int AS position,
             CASE WHEN position <> prior_position + 1 THEN 'an entry before this one is missing'
                  WHEN previous_hash <> expected_previous THEN 'its link to the previous entry does not match'
                  ELSE 'its content does not match its hash' END AS reason
        FROM chain
       WHERE hash <> expected_hash OR previous_hash <> expected_previous OR position <> prior_position + 1
       ORDER BY position LIMIT 1`)) as { id: string; position: number; reason: string }[];
    if (breaks.length > 0) return breaks[0];
    const [head] = (await manager.query(`
      SELECT h.position::int AS position, h.hash, (SELECT hash FROM ledger_entry ORDER BY position DESC LIMIT 1) AS last_hash
        FROM ledger_chain_head h`)) as { position: number; hash: string; last_hash: string | null }[];
    if (head.position !== entries || (entries > 0 && head.hash !== head.last_hash)) {
      return { position: entries + 1, id: null, reason: `the chain head says ${head.position} entries: entries at the end are missing` };
    }
    return null;
  }
}
