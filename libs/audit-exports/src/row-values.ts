import { ExportColumn } from './export-sql';

export type CellValue = string | number | null;

/** A column's value for a spreadsheet cell: a number, text or null. */
export function cellValue(column: ExportColumn, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (column.kind !== 'integer') return String(raw);
  const value = Number(raw);
  // int8 arrives as text: refuse to round a value past 2^53 rather than export it wrong.
  if (!Number.isSafeInteger(value)) throw new Error(`${column.name} ${String(raw)} is not a safe integer`);
  return value;
}
