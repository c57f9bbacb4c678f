import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MilestoneRemindersService } from '@fa/agreements';
import { Roles } from '../../auth/access.decorators';
import { RequestWithCaller } from '../../auth/caller';
import { PageRenderer } from '../page-renderer';

/** Staff's list of milestone reports overdue today (no report accepted or awaiting review), oldest first, with the notices mailed. */
@ApiExcludeController()
@Controller('milestones/overdue')
export class OverdueReportsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reminders: MilestoneRemindersService,
  ) {}

  @Get()
  @Roles('REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR')
  async list(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    const rows = (await this.reminders.overdue()).map((milestone) => ({
      href: `/agreements/${milestone.agreementId}`,
      trackingNumber: milestone.trackingNumber ?? '',
      title: milestone.title ?? t('intake.untitled'),
      organizationName: milestone.organizationName,
      milestone: t('agreements.milestoneLabel', { number: milestone.milestoneNumber, title: milestone.milestoneTitle }),
      dueOn: milestone.dueOn,
      reminderSentAt: milestone.reminderSentAt?.toISOString() ?? null,
      overdueNoticeSentAt: milestone.overdueNoticeSentAt?.toISOString() ?? null,
    }));
    return this.pages.render(request, reply, 'overdue-reports', { pageTitle: t('overdueReports.title'), rows });
  }
}
