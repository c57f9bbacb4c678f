import { toCents } from '@fa/shared';
import { AuditEventFilter, LedgerEntryFilter, recordedFilters } from './export-filters';
import { ChainHead } from './export-manifest';
import { ExportPlan } from './export-runner';
import { AUDIT_COLUMNS, LEDGER_COLUMNS, auditConditions, ledgerConditions, ledgerTotalsSql, whereClause } from './export-sql';
import { ReadSnapshot } from './read-snapshot';

/** The head of a chain with no entry yet: the genesis value both chains start from. */
const GENESIS: ChainHead = { position: 0, hash: '0'.repeat(64) };

/** The journal entries a filter selects, with Σ debits and Σ credits per account and the ledger's chain head. */
export function ledgerPlan(filter: LedgerEntryFilter, timeZone: string): ExportPlan {
  const where = whereClause(ledgerConditions(filter, timeZone));
  return {
    subject: 'LEDGER',
    table: 'ledger_entry',
    columns: LEDGER_COLUMNS,
    where,
    filters: recordedFilters(filter, timeZone),
    sheetName: 'Ledger',
    auditAction: 'ledger.exported',
    async summarize(snapshot: ReadSnapshot) {
      const totals = await snapshot.query<{ account: string; debit_cents: string; credit_cents: string; debit_entries: string }>(ledgerTotalsSql(where));
      // Not aliased `position`: ORDER BY would then sort the text ('9999' after '30001').
      const head = await snapshot.query<{ head_position: string; hash: string }>('SELECT position::text AS head_position, hash FROM ledger_entry ORDER BY position DESC LIMIT 1');
      return {
        rowCount: totals.reduce((sum, row) => sum + Number(row.debit_entries), 0),
        accountTotals: totals.map((row) => ({ account: row.account, debitCents: toCents(row.debit_cents), creditCents: toCents(row.credit_cents) })),
        chainHead: head.length === 0 ? GENESIS : { position: Number(head[0].head_position), hash: head[0].hash },
      };
    },
  };
}

/** The audit events a filter selects, and the audit chain's head. */
export function auditTrailPlan(filter: AuditEventFilter, timeZone: string): ExportPlan {
  const where = whereClause(auditConditions(filter, timeZone));
  return {
    subject: 'AUDIT_TRAIL',
    table: 'audit_event',
    columns: AUDIT_COLUMNS,
    where,
    filters: recordedFilters(filter, timeZone),
    sheetName: 'Audit trail',
    auditAction: 'audit.exported',
    async summarize(snapshot: ReadSnapshot) {
      const [{ count }] = await snapshot.query<{ count: string }>(`SELECT count(*)::text AS count FROM audit_event ${where}`);
      const head = await snapshot.query<{ head_position: string; hash: string }>('SELECT chain_position::text AS head_position, hash FROM audit_event ORDER BY chain_position DESC LIMIT 1');
      return { rowCount: Number(count), accountTotals: null, chainHead: head.length === 0 ? GENESIS : { position: Number(head[0].head_position), hash: head[0].hash } };
    },
  };
}
