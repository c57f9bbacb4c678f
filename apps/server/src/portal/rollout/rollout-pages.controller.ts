import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { RolloutDashboardService, dashboardCsv } from '@fa/rollout';
import { Public, Roles } from '../../auth/access.decorators';
import { attachmentDisposition } from '../../http/attachment-download';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { dashboardModel, publicProgressModel } from './rollout-page-model';

const ROLLOUT_READERS = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;

/**
 * The rollout across the target regions: the staff dashboard (`/rollout`, its figures as CSV)
 * and the public page of the fund's progress (`/progres`, no sign-in, nothing about anyone).
 */
@ApiExcludeController()
@Controller()
export class RolloutPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rollout: RolloutDashboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('rollout')
  @Roles(...ROLLOUT_READERS)
  async dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const dashboard = await this.rollout.dashboard(this.config.PROGRAM_CODE);
    return this.pages.render(request, reply, 'rollout-dashboard', dashboardModel(dashboard, requestLocale(request), this.translator(request)));
  }

  @Get('rollout/figures.csv')
  @Roles(...ROLLOUT_READERS)
  async figures(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const dashboard = await this.rollout.dashboard(this.config.PROGRAM_CODE);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(`deploiement-${dashboard.programCode}-${dashboard.asOf}.csv`)).header('cache-control', 'no-store');
    return dashboardCsv(dashboard);
  }

  @Get('progres')
  @Public()
  async progress(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const dashboard = await this.rollout.publicDashboard(this.config.PROGRAM_CODE);
    return this.pages.renderReadOnly(request, reply, 'public-progress', publicProgressModel(dashboard, requestLocale(request), this.translator(request)));
  }

  private translator(request: FastifyRequest) {
    return (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
  }
}
