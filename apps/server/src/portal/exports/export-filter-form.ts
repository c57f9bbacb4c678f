import { AuditEventFilter, ExportFormat, LedgerEntryFilter, filterProblems } from '@fa/audit-exports';
import type { EntryType } from '@fa/ledger';
import { formText } from '../form-values';
import { FormProblem } from '../intake/form-problems';

/** Every kind of journal entry, in the order a person reads them in the type filter. */
export const ENTRY_TYPES: readonly EntryType[] = ['ENVELOPE_FUNDING', 'COMMITMENT', 'COMMITMENT_RELEASE', 'DISBURSEMENT', 'DISBURSEMENT_REVERSAL', 'RECEIVABLE', 'RECOVERY'];

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A GET filter form as read: the filter (empty when a value is wrong), the values to show again, and what to fix. */
export interface ReadFilter<F> {
  filter: F;
  values: Record<string, string>;
  problems: FormProblem[];
}

/** The choices the ledger's selects offer: a value outside them is a problem, not a silent "all". */
export interface LedgerFilterChoices {
  regions: readonly string[];
  sectors: readonly string[];
}

/**
 * The ledger's filter form (period, region, sector, grant, agreement, entry type), checked field by field
 * with the library's own rules, so that what the page accepts is what the export accepts.
 */
export function readLedgerFilter(query: Record<string, unknown>, choices: LedgerFilterChoices, t: Translate): ReadFilter<LedgerEntryFilter> {
  const values = {
    from: formText(query.from), to: formText(query.to), region: formText(query.region), sector: formText(query.sector), grant: formText(query.grant).toLowerCase(),
    agreement: formText(query.agreement).toLowerCase(), type: formText(query.type),
  };
  const problems = periodProblems(values, t);
  const choice = (field: 'region' | 'sector' | 'type', allowed: readonly string[]) => {
    if (values[field] && !allowed.includes(values[field])) problems.push({ field, message: t('intake.problems.choice', { field: t(`exports.fields.${field}`) }) });
  };
  choice('region', choices.regions);
  choice('sector', choices.sectors);
  choice('type', ENTRY_TYPES);
  for (const field of ['grant', 'agreement'] as const) {
    if (values[field] && filterProblems({ [field]: values[field] }).length > 0) problems.push({ field, message: t(`exports.problems.${field}`, { field: t(`exports.fields.${field}`) }) });
  }
  return { filter: problems.length === 0 ? setOnly(values) : {}, values, problems: ordered(problems, Object.keys(values)) };
}

/** The audit trail's export filter as the audit page gives it: a period and the start of an action. */
export function readAuditPeriod(query: Record<string, unknown>, t: Translate): ReadFilter<Pick<AuditEventFilter, 'from' | 'to'>> {
  const values = { from: formText(query.from), to: formText(query.to) };
  const problems = periodProblems(values, t);
  return { filter: problems.length === 0 ? setOnly(values) : {}, values, problems };
}

/** The query of an export (or of the next page) with these filters: only the fields set, in a stable order. */
export function filterQuery(filter: object, extra: Record<string, string> = {}): string {
  const set = Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  return new URLSearchParams([...Object.entries(extra), ...set]).toString();
}

/** The filter fields of the ledger and of the audit trail's export, as their query names them. */
export const LEDGER_FILTER_KEYS = ['from', 'to', 'region', 'sector', 'grant', 'agreement', 'type'] as const;
export const AUDIT_EXPORT_FILTER_KEYS = ['from', 'to', 'action'] as const;

/**
 * An export link's filter as it comes back: the fields set, as typed. The library checks them
 * (INVALID_EXPORT_FILTER, the error page's 400) before anything is read, as it does for the API.
 */
export function queryFilter<K extends string>(query: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  return Object.fromEntries(keys.map((key) => [key, formText(query[key])]).filter(([, value]) => value !== '')) as Partial<Record<K, string>>;
}

/** The export format of a portal download (CSV when none is given); the library refuses anything else with INVALID_EXPORT_FILTER. */
export function exportFormatOf(value: unknown): ExportFormat {
  return (formText(value) || 'csv') as ExportFormat;
}

function periodProblems(values: { from: string; to: string }, t: Translate): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    if (values[field] && filterProblems({ [field]: values[field] }).length > 0) problems.push({ field, message: t('intake.problems.date', { field: t(`exports.fields.${field}`) }) });
  }
  if (problems.length === 0 && values.from && values.to && values.from > values.to) {
    problems.push({ field: 'to', message: t('exports.problems.period', { from: t('exports.fields.from'), to: t('exports.fields.to') }) });
  }
  return problems;
}

function setOnly<T extends Record<string, string>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')) as Partial<T>;
}

/** Problems in the order of the form's fields, as the summary lists them. */
function ordered(problems: FormProblem[], fields: string[]): FormProblem[] {
  return [...problems].sort((a, b) => fields.indexOf(a.field) - fields.indexOf(b.field));
}
