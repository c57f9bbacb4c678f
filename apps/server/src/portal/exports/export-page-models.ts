import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formatMoney, formatNumber } from '@fa/shared';
import { AuditExportsService, EXPORT_FORMATS, ExportManifest, ExportSubject } from '@fa/audit-exports';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { filterQuery } from './export-filter-form';

/** Where each subject's pages live: the page that lists and exports it, and its manifests below. */
export const EXPORT_PAGES: Record<ExportSubject, { path: string; backKey: string }> = {
  LEDGER: { path: '/ledger', backKey: 'exports.backToLedger' },
  AUDIT_TRAIL: { path: '/admin/audit', backKey: 'exports.backToAudit' },
};

/** The filters of a manifest in the order a person reads them; any other key comes after, as recorded. */
const FILTER_ORDER = ['from', 'to', 'timeZone', 'region', 'sector', 'grant', 'agreement', 'type', 'action'];

/** How many of the caller's own exports the export section lists. */
const RECENT_EXPORTS = 10;

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * The export section of the ledger page and of the audit page (one link per format with the
 * page's filters, and the caller's recent exports, each leading to its manifest), and the
 * manifest page of one export.
 */
@Injectable()
export class ExportPageModels {
  constructor(
    private readonly pages: PageRenderer,
    private readonly exports: AuditExportsService,
  ) {}

  /** `filter` is null when the page's filters are wrong: then there is nothing to export. */
  async section(request: FastifyRequest, accountId: string, subject: ExportSubject, filter: object | null) {
    const t = this.translator(request);
    const { path } = EXPORT_PAGES[subject];
    const recent = await this.exports.recentManifests(subject, accountId, RECENT_EXPORTS);
    return {
      links: filter
        ? EXPORT_FORMATS.map((format) => ({ format, href: `${path}/export?${filterQuery(filter, { format })}`, label: t('exports.link', { format: t(`exports.formats.${format}`) }) }))
        : [],
      recent: recent.map((manifest) => ({
        exportId: manifest.exportId,
        href: `${path}/exports/${manifest.exportId}`,
        fileName: manifest.fileName,
        format: t(`exports.formats.${manifest.format}`),
        rowCount: formatNumber(manifest.rowCount, requestLocale(request)),
        completedAt: manifest.completedAt,
        filters: this.describeFilters(manifest.filters, t).map((filter) => t('exports.filterValue', filter)).join(' · ') || t('exports.noFilter'),
      })),
    };
  }

  manifestPage(request: FastifyRequest, manifest: ExportManifest) {
    const t = this.translator(request);
    const locale = requestLocale(request);
    const { path, backKey } = EXPORT_PAGES[manifest.subject];
    return {
      pageTitle: t('exports.manifestTitle', { file: manifest.fileName }),
      back: { href: path, label: t(backKey) },
      manifest: {
        ...manifest,
        subject: t(`exports.subjects.${manifest.subject}`),
        format: t(`exports.formats.${manifest.format}`),
        filters: this.describeFilters(manifest.filters, t),
        rowCount: formatNumber(manifest.rowCount, locale),
        byteCount: formatNumber(manifest.byteCount, locale),
        chainPosition: formatNumber(manifest.chainHead.position, locale),
        accountTotals: manifest.accountTotals?.map((total) => ({
          account: total.account, debits: formatMoney(total.debitCents, locale), credits: formatMoney(total.creditCents, locale), debitCents: total.debitCents, creditCents: total.creditCents,
        })) ?? null,
      },
    };
  }

  private describeFilters(filters: Record<string, string>, t: Translate): { label: string; value: string }[] {
    const rank = (key: string) => (FILTER_ORDER.includes(key) ? FILTER_ORDER.indexOf(key) : FILTER_ORDER.length);
    return Object.keys(filters)
      .sort((a, b) => rank(a) - rank(b))
      .map((key) => ({ label: FILTER_ORDER.includes(key) ? t(`exports.fields.${key}`) : key, value: filters[key] }));
  }

  private translator(request: FastifyRequest): Translate {
    return (key, params) => this.pages.t(request, key, params);
  }
}
