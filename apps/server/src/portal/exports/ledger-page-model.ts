import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formatMoney, formatNumber } from '@fa/shared';
import { LedgerEntriesService, LedgerEntryView } from '@fa/audit-exports';
import { LedgerService, LedgerVerification } from '@fa/ledger';
import { requestLocale } from '../../http/request-locale';
import { formText } from '../form-values';
import { IntakePageOptions } from '../intake/intake-page-options';
import { PageRenderer } from '../page-renderer';
import { ENTRY_TYPES, filterQuery, readLedgerFilter } from './export-filter-form';
import { ExportPageModels } from './export-page-models';

/** Entries per page of the portal's ledger (the API allows up to 1,000). */
export const LEDGER_PAGE_SIZE = 50;

/**
 * The auditors' ledger page: where each envelope stands, the entries the GET form selects a page
 * at a time (keyset paging by position), and the export of those entries with its manifests.
 */
@Injectable()
export class LedgerPageModel {
  constructor(
    private readonly pages: PageRenderer,
    private readonly entries: LedgerEntriesService,
    private readonly ledger: LedgerService,
    private readonly options: IntakePageOptions,
    private readonly exportModels: ExportPageModels,
  ) {}

  async build(accountId: string, request: FastifyRequest, query: Record<string, unknown>) {
    const locale = requestLocale(request);
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const { regions, sectors } = await this.options.forForms(locale);
    const read = readLedgerFilter(query, { regions: regions.map((region) => region.code), sectors: sectors.map((sector) => sector.code) }, t);
    const valid = read.problems.length === 0;
    const after = /^\d{1,15}$/.test(formText(query.after)) ? Number(formText(query.after)) : undefined;
    const [page, envelopes, exports] = await Promise.all([
      valid ? this.entries.browse(read.filter, { after, limit: LEDGER_PAGE_SIZE }) : null,
      this.ledger.envelopes(),
      this.exportModels.section(request, accountId, 'LEDGER', valid ? read.filter : null),
    ]);
    const money = (cents: number) => formatMoney(cents, locale);
    const row = (entry: LedgerEntryView) => ({
      position: entry.position,
      occurredAt: entry.occurredAt,
      entryType: entry.entryType,
      typeLabel: (ENTRY_TYPES as readonly string[]).includes(entry.entryType) ? t(`exports.entryTypes.${entry.entryType}`) : entry.entryType,
      amount: money(entry.amountCents),
      debitAccount: entry.debitAccount,
      creditAccount: entry.creditAccount,
      grantId: entry.grantId ?? '',
      regionCode: entry.regionCode ?? '',
      sectorCode: entry.sectorCode ?? '',
      reason: entry.reason,
    });
    const option = (code: string, label: string, chosen: string) => ({ code, label, selected: code === chosen });
    const rows = page?.entries.map(row) ?? [];
    return {
      pageTitle: t('ledger.title'),
      errors: valid ? null : read.problems,
      fieldErrors: Object.fromEntries(read.problems.map((problem) => [problem.field, problem.message])),
      values: read.values,
      filters: {
        regions: regions.map((region) => option(region.code, region.name, read.values.region)),
        sectors: sectors.map((sector) => option(sector.code, sector.label, read.values.sector)),
        types: ENTRY_TYPES.map((type) => option(type, t(`exports.entryTypes.${type}`), read.values.type)),
      },
      envelopes: envelopes.map((envelope) => ({
        programCode: envelope.programCode,
        funded: money(envelope.fundedCents), available: money(envelope.availableCents), committed: money(envelope.committedCents),
        disbursed: money(envelope.disbursedCents), receivable: money(envelope.receivableCents), recovered: money(envelope.recoveredCents),
      })),
      listed: valid,
      rows,
      caption: rows.length > 0 ? t('ledger.caption', { first: formatNumber(rows[0].position, locale), last: formatNumber(rows[rows.length - 1].position, locale) }) : '',
      nextHref: page?.nextAfter ? `/ledger?${filterQuery({ ...read.filter, after: String(page.nextAfter) })}` : null,
      firstHref: valid && after ? `/ledger${filterQuery(read.filter) ? `?${filterQuery(read.filter)}` : ''}` : null,
      exports,
    };
  }

  async verification(request: FastifyRequest) {
    const locale = requestLocale(request);
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const result: LedgerVerification = await this.ledger.verify();
    return {
      pageTitle: t('ledger.verificationTitle'),
      verification: {
        valid: result.valid,
        entriesChecked: formatNumber(result.entriesChecked, locale),
        totalDebits: formatMoney(result.totalDebitsCents, locale),
        totalCredits: formatMoney(result.totalCreditsCents, locale),
        problems: result.problems,
        firstBadEntry: result.firstBadEntry,
      },
    };
  }
}
