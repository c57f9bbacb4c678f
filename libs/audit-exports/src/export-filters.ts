import { isCalendarDay } from '@fa/shared';
import { AuditExportsError, AuditExportsErrorCode } from './audit-exports.error';

/**
 * Which ledger entries to read. The period is two calendar days in the platform's time zone
 * (APP_TIME_ZONE), both included: `from=2026-11-01&to=2026-11-30` is November as Québec lives it.
 */
export interface LedgerEntryFilter {
  from?: string;
  to?: string;
  /** Region code of the project (`06`). */
  region?: string;
  /** Sector code (`HEALTH_AI`). */
  sector?: string;
  /** Grant id (an approved application; its agreement keeps the id). */
  grant?: string;
  /** Agreement id: the entries of the grant the agreement was made for. */
  agreement?: string;
  /** Entry type (`COMMITMENT`, `DISBURSEMENT`…). */
  type?: string;
}

/** Which audit events to read: the same period rule, and a prefix of the action (`ledger.`). */
export interface AuditEventFilter {
  from?: string;
  to?: string;
  action?: string;
}

const PATTERNS: Record<string, { pattern: RegExp; expected: string }> = {
  region: { pattern: /^\d{2}$/, expected: 'a two-digit region code' },
  sector: { pattern: /^[A-Z][A-Z0-9_]{1,39}$/, expected: 'a sector code in capitals' },
  grant: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, expected: 'a grant id (UUID)' },
  agreement: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, expected: 'an agreement id (UUID)' },
  type: { pattern: /^[A-Z][A-Z_]{2,39}$/, expected: 'an entry type in capitals' },
  action: { pattern: /^[a-z][a-z0-9_.-]{0,79}$/, expected: 'the start of an action name' },
};

/** What is wrong with a filter, one line per field; empty when it is valid. */
export function filterProblems(filter: LedgerEntryFilter | AuditEventFilter): string[] {
  const problems: string[] = [];
  for (const [field, value] of Object.entries(filter) as [string, unknown][]) {
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(`${field} must be text`);
    else if (field === 'from' || field === 'to') {
      if (!isCalendarDay(value)) problems.push(`${field} must be a real date written YYYY-MM-DD`);
    } else if (!PATTERNS[field]) problems.push(`${field} is not a filter`);
    else if (!PATTERNS[field].pattern.test(value)) problems.push(`${field} must be ${PATTERNS[field].expected}`);
  }
  if (problems.length === 0 && filter.from && filter.to && filter.from > filter.to) problems.push('from must not be after to');
  return problems;
}

/** Throws INVALID_EXPORT_FILTER, naming every problem, unless the filter is valid. */
export function assertValidFilter(filter: LedgerEntryFilter | AuditEventFilter): void {
  const problems = filterProblems(filter);
  if (problems.length > 0) throw new AuditExportsError(AuditExportsErrorCode.INVALID_EXPORT_FILTER, problems.join('; '), { problems });
}

/** The filter as a manifest records it: the fields set, and the time zone that gave the period its meaning. */
export function recordedFilters(filter: LedgerEntryFilter | AuditEventFilter, timeZone: string): Record<string, string> {
  const set = Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { ...Object.fromEntries(set), ...(filter.from || filter.to ? { timeZone } : {}) };
}
