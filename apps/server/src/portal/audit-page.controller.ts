import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { AuditFilter, AuditTrail } from '@fa/identity';
import { AuditExportsService } from '@fa/audit-exports';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller } from '../auth/caller';
import { exportDownload, exportRequester } from '../http/export-download';
import { AUDIT_EXPORT_FILTER_KEYS, exportFormatOf, queryFilter, readAuditPeriod } from './exports/export-filter-form';
import { ExportPageModels } from './exports/export-page-models';
import { formText } from './form-values';
import { PageRenderer } from './page-renderer';

const PAGE_SIZE = 50;
const READERS = ['AUDITOR', 'ADMINISTRATOR'] as const;
/** A query value as text, bounded like the fields it filters. */
const text = (value: unknown) => formText(value).slice(0, 320);

/** The calendar day after `day` (`YYYY-MM-DD`). */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Administrators and auditors browse and filter the audit trail, see whether its chain holds,
 * and export it (the period and the action of the page's filters) with a manifest per export.
 */
@ApiExcludeController()
@Controller('admin/audit')
export class AuditPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly audit: AuditTrail,
    private readonly exports: AuditExportsService,
    private readonly exportModels: ExportPageModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(...READERS)
  async browse(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const outcome = ['SUCCESS', 'FAILURE', 'DENIED'].includes(text(query.outcome)) ? (text(query.outcome) as AuditFilter['outcome']) : undefined;
    const action = /^[a-z][a-z0-9_.-]{0,79}$/.test(text(query.action)) ? text(query.action) : undefined;
    const before = /^\d{1,15}$/.test(text(query.before)) ? Number(query.before) : undefined;
    const period = readAuditPeriod(query, (key, params) => this.pages.t(request, key, params));
    const valid = period.problems.length === 0;
    // The period is calendar days in the platform's time zone, both included, as the export reads it: PostgreSQL places each day's midnight in that zone.
    const zone = this.config.APP_TIME_ZONE;
    const filter: AuditFilter = {
      action, actor: text(query.actor) || undefined, outcome, before, limit: PAGE_SIZE,
      from: period.filter.from ? `${period.filter.from} 00:00:00 ${zone}` : undefined,
      to: period.filter.to ? `${nextDay(period.filter.to)} 00:00:00 ${zone}` : undefined,
    };
    const exportFilter = valid ? { ...period.filter, ...(action ? { action } : {}) } : null;
    const [events, verification, exports] = await Promise.all([
      valid ? this.audit.search(filter) : [],
      this.audit.verifyChain(),
      this.exportModels.section(request, caller.account.id, 'AUDIT_TRAIL', exportFilter),
    ]);
    const nextBefore = events.length === PAGE_SIZE ? events[events.length - 1].chainPosition : null;
    const nextQuery = new URLSearchParams({
      ...(period.filter.from ? { from: period.filter.from } : {}), ...(period.filter.to ? { to: period.filter.to } : {}),
      ...(action ? { action } : {}), ...(filter.actor ? { actor: filter.actor } : {}), ...(outcome ? { outcome } : {}), before: String(nextBefore ?? ''),
    }).toString();
    return this.pages.render(
      request,
      reply,
      'audit-trail',
      {
        pageTitle: this.pages.t(request, 'audit.title'),
        errors: valid ? null : period.problems,
        fieldErrors: Object.fromEntries(period.problems.map((problem) => [problem.field, problem.message])),
        filter: { action: action ?? '', actor: filter.actor ?? '', outcome: outcome ?? '', from: period.values.from, to: period.values.to },
        listed: valid,
        events: events.map((event) => ({ ...event, outcomeLabel: this.pages.t(request, `audit.outcomes.${event.outcome}`) })),
        verification,
        breakReason: verification.firstBreak ? this.pages.t(request, `audit.breaks.${verification.firstBreak.code}`) : null,
        nextBefore,
        nextQuery,
        exports,
      },
      valid ? 200 : 400,
    );
  }

  /** The export of the audit trail for the page's period and action, streamed as the API streams it. */
  @Get('export')
  @Roles(...READERS)
  async export(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: Record<string, unknown>): Promise<StreamableFile> {
    const filter = queryFilter(query, AUDIT_EXPORT_FILTER_KEYS);
    return exportDownload(reply, await this.exports.exportAuditTrail(filter, exportFormatOf(query.format), exportRequester(caller, request)));
  }

  @Get('exports/:id')
  @Roles(...READERS)
  async manifest(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const manifest = await this.exports.manifest(id, 'AUDIT_TRAIL');
    return this.pages.render(request, reply, 'export-manifest', this.exportModels.manifestPage(request, manifest));
  }
}
