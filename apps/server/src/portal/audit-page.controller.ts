import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditFilter, AuditTrail } from '@fa/identity';
import { Roles } from '../auth/access.decorators';
import { RequestWithCaller } from '../auth/caller';
import { formText } from './form-values';
import { PageRenderer } from './page-renderer';

const PAGE_SIZE = 50;
/** A query value as text, bounded like the fields it filters. */
const text = (value: unknown) => formText(value).slice(0, 320);

/** Administrators and auditors browse and filter the audit trail, and see whether its chain holds. */
@ApiExcludeController()
@Controller('admin/audit')
export class AuditPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('AUDITOR', 'ADMINISTRATOR')
  async browse(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const outcome = ['SUCCESS', 'FAILURE', 'DENIED'].includes(text(query.outcome)) ? (text(query.outcome) as AuditFilter['outcome']) : undefined;
    const action = /^[a-z][a-z0-9_.-]{0,79}$/.test(text(query.action)) ? text(query.action) : undefined;
    const before = /^\d{1,15}$/.test(text(query.before)) ? Number(query.before) : undefined;
    const filter = { action, actor: text(query.actor) || undefined, outcome, before, limit: PAGE_SIZE };
    const [events, verification] = await Promise.all([this.audit.search(filter), this.audit.verifyChain()]);
    const nextBefore = events.length === PAGE_SIZE ? events[events.length - 1].chainPosition : null;
    const nextQuery = new URLSearchParams({ ...(action ? { action } : {}), ...(filter.actor ? { actor: filter.actor } : {}), ...(outcome ? { outcome } : {}), before: String(nextBefore ?? '') }).toString();
    return this.pages.render(request, reply, 'audit-trail', {
      pageTitle: this.pages.t(request, 'audit.title'),
      filter: { action: action ?? '', actor: filter.actor ?? '', outcome: outcome ?? '' },
      events,
      verification,
      nextBefore,
      nextQuery,
    });
  }
}
