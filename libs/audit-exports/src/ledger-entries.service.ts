import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, toCents } from '@fa/shared';
import { LedgerEntryFilter, assertValidFilter } from './export-filters';
import { LEDGER_COLUMNS, ledgerConditions, selectRows, whereClause } from './export-sql';

/** One journal entry as the API shows it. */
export interface LedgerEntryView {
  position: number;
  id: string;
  occurredAt: string;
  entryType: string;
  amountCents: number;
  debitAccount: string;
  creditAccount: string;
  grantId: string | null;
  regionCode: string | null;
  sectorCode: string | null;
  /** An opaque id (account id or `system`). */
  actor: string;
  reason: string;
  idempotencyKey: string;
  previousHash: string;
  hash: string;
}

export interface LedgerEntryPage {
  entries: LedgerEntryView[];
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: number | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Auditors browse the journal in chain order, filtered as exports are, a page at a time. */
@Injectable()
export class LedgerEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Entries after position `after`, oldest first: keyset paging, so a page deep in the journal costs what the first does. */
  async browse(filter: LedgerEntryFilter, page: { after?: number; limit?: number } = {}): Promise<LedgerEntryPage> {
    assertValidFilter(filter);
    const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const where = whereClause([...ledgerConditions(filter, this.config.APP_TIME_ZONE), 'position > $1']);
    // One row more than the page tells whether another page follows.
    const rows = (await this.dataSource.query(`${selectRows('ledger_entry', LEDGER_COLUMNS, where)} LIMIT $2`, [page.after ?? 0, limit + 1])) as Record<string, string | null>[];
    const entries = rows.slice(0, limit).map(toView);
    return { entries, nextAfter: rows.length > limit ? entries[entries.length - 1].position : null };
  }
}

function toView(row: Record<string, string | null>): LedgerEntryView {
  return {
    position: Number(row.position),
    id: row.id!,
    occurredAt: row.occurred_at!,
    entryType: row.entry_type!,
    amountCents: toCents(row.amount_cents!),
    debitAccount: row.debit_account!,
    creditAccount: row.credit_account!,
    grantId: row.grant_id,
    regionCode: row.region_code,
    sectorCode: row.sector_code,
    actor: row.actor!,
    reason: row.reason!,
    idempotencyKey: row.idempotency_key!,
    previousHash: row.previous_hash!,
    hash: row.hash!,
  };
}
