import { escapeLiteral } from 'pg';
import { AuditEventFilter, LedgerEntryFilter } from './export-filters';

/**
 * The SQL of every read: one WHERE clause per filter, with the values written as escaped
 * literals. COPY takes no bind parameters, and the totals must select exactly the rows the
 * file holds, so the COPY, the cursor and the totals all use the same text. Filters are
 * validated before they get here (export-filters.ts); escaping is the second guard.
 */

/** A column of an export file: its header, the SQL that produces it, and its kind for XLSX cells. */
export interface ExportColumn {
  name: string;
  sql: string;
  kind: 'integer' | 'text';
  /** The expression for JSON Lines, when it differs (a JSON column nested rather than as text). */
  jsonSql?: string;
}

/** Instants as the hash chain writes them (UTC, microseconds), so a reader can recompute each hash from the file. */
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Every field of a journal entry, in the order of the hash chain's digest after position and time. */
export const LEDGER_COLUMNS: ExportColumn[] = [
  { name: 'position', sql: 'position', kind: 'integer' },
  { name: 'id', sql: 'id', kind: 'text' },
  { name: 'occurred_at', sql: instant('occurred_at'), kind: 'text' },
  { name: 'entry_type', sql: 'entry_type', kind: 'text' },
  { name: 'amount_cents', sql: 'amount_cents', kind: 'integer' },
  { name: 'debit_account', sql: 'debit_account', kind: 'text' },
  { name: 'credit_account', sql: 'credit_account', kind: 'text' },
  { name: 'grant_id', sql: 'grant_id', kind: 'text' },
  { name: 'region_code', sql: 'region_code', kind: 'text' },
  { name: 'sector_code', sql: 'sector_code', kind: 'text' },
  { name: 'actor', sql: 'actor', kind: 'text' },
  { name: 'reason', sql: 'reason', kind: 'text' },
  { name: 'idempotency_key', sql: 'idempotency_key', kind: 'text' },
  { name: 'previous_hash', sql: 'previous_hash', kind: 'text' },
  { name: 'hash', sql: 'hash', kind: 'text' },
];

export const AUDIT_COLUMNS: ExportColumn[] = [
  { name: 'chain_position', sql: 'chain_position', kind: 'integer' },
  { name: 'id', sql: 'id', kind: 'text' },
  { name: 'occurred_at', sql: instant('occurred_at'), kind: 'text' },
  { name: 'actor_account_id', sql: 'actor_account_id', kind: 'text' },
  { name: 'actor_label', sql: 'actor_label', kind: 'text' },
  { name: 'action', sql: 'action', kind: 'text' },
  { name: 'object_type', sql: 'object_type', kind: 'text' },
  { name: 'object_id', sql: 'object_id', kind: 'text' },
  { name: 'outcome', sql: 'outcome', kind: 'text' },
  { name: 'client_address', sql: 'client_address', kind: 'text' },
  { name: 'correlation_id', sql: 'correlation_id', kind: 'text' },
  // jsonb's own text, which is what the audit chain's digest covers.
  { name: 'details', sql: 'details::text', kind: 'text', jsonSql: 'details' },
  { name: 'previous_hash', sql: 'previous_hash', kind: 'text' },
  { name: 'hash', sql: 'hash', kind: 'text' },
];

/** `occurred_at` within the calendar days of the period, as lived in `timeZone`. */
function periodConditions(filter: { from?: string; to?: string }, timeZone: string): string[] {
  const zone = escapeLiteral(timeZone);
  return [
    ...(filter.from ? [`occurred_at >= (${escapeLiteral(filter.from)}::date)::timestamp AT TIME ZONE ${zone}`] : []),
    ...(filter.to ? [`occurred_at < (${escapeLiteral(filter.to)}::date + 1)::timestamp AT TIME ZONE ${zone}`] : []),
  ];
}

/** `WHERE a AND b`, or nothing when there is no condition. */
export function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

export function ledgerConditions(filter: LedgerEntryFilter, timeZone: string): string[] {
  return [
    ...periodConditions(filter, timeZone),
    ...(filter.region ? [`region_code = ${escapeLiteral(filter.region)}`] : []),
    ...(filter.sector ? [`sector_code = ${escapeLiteral(filter.sector)}`] : []),
    ...(filter.grant ? [`grant_id = ${escapeLiteral(filter.grant.toLowerCase())}::uuid`] : []),
    // The ledger knows grants (files); an agreement names its file. An unknown agreement selects nothing, as an unknown grant does.
    ...(filter.agreement ? [`grant_id = (SELECT application_id FROM agreement WHERE id = ${escapeLiteral(filter.agreement.toLowerCase())}::uuid)`] : []),
    ...(filter.type ? [`entry_type = ${escapeLiteral(filter.type)}`] : []),
  ];
}

export function auditConditions(filter: AuditEventFilter, timeZone: string): string[] {
  return [...periodConditions(filter, timeZone), ...(filter.action ? [`starts_with(action, ${escapeLiteral(filter.action)})`] : [])];
}

export type ExportTable = 'ledger_entry' | 'audit_event';

const orderOf = (table: ExportTable) => (table === 'ledger_entry' ? 'position' : 'chain_position');
const selectList = (columns: ExportColumn[], expression: (column: ExportColumn) => string) =>
  columns.map((column) => (expression(column) === column.name ? column.name : `${expression(column)} AS ${column.name}`)).join(', ');

/** The rows of an export, in chain order. */
export function selectRows(table: ExportTable, columns: ExportColumn[], where: string): string {
  return `SELECT ${selectList(columns, (column) => column.sql)} FROM ${table} ${where} ORDER BY ${orderOf(table)}`;
}

/**
 * One JSON object per row, written by PostgreSQL (`row_to_json`: the columns in order, integers
 * as numbers, a jsonb column nested), in chain order.
 */
export function selectJsonLines(table: ExportTable, columns: ExportColumn[], where: string): string {
  const order = orderOf(table);
  return `SELECT row_to_json(r)::text FROM (SELECT ${selectList(columns, (column) => column.jsonSql ?? column.sql)} FROM ${table} ${where}) r ORDER BY r.${order}`;
}

/**
 * Σ debits and Σ credits per account over the selected entries; the entries counted on the
 * debit side add up to the number of entries (each has one debit). Two grouped scans cost less
 * than one scan whose every row is doubled into its two sides (measured: 0.38 s against 0.6 s
 * for 1,000,000 entries).
 */
export function ledgerTotalsSql(where: string): string {
  return `
    SELECT account, sum(debit_cents)::text AS debit_cents, sum(credit_cents)::text AS credit_cents, sum(debit_entries)::text AS debit_entries
      FROM (SELECT debit_account AS account, sum(amount_cents) AS debit_cents, 0 AS credit_cents, count(*) AS debit_entries FROM ledger_entry ${where} GROUP BY debit_account
            UNION ALL
            SELECT credit_account, 0, sum(amount_cents), 0 FROM ledger_entry ${where} GROUP BY credit_account) sides
     GROUP BY account ORDER BY account`;
}

/** The SELECT a ledger export streams, for a reader (or a benchmark baseline) that copies the same rows another way. */
export function ledgerExportSelect(filter: LedgerEntryFilter, timeZone: string): string {
  return selectRows('ledger_entry', LEDGER_COLUMNS, whereClause(ledgerConditions(filter, timeZone)));
}
