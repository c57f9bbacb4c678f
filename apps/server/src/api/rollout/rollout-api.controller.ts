import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { RolloutDashboardService, dashboardCsv } from '@fa/rollout';
import { Roles } from '../../auth/access.decorators';
import { attachmentDisposition } from '../../http/attachment-download';
import { API_V1 } from '../api-path';
import { RegionsRolloutDto, RolloutDashboardDto, RolloutQueryDto } from './rollout.dto';

/** Staff and auditors follow the rollout across the target regions (see docs/rollout.md). */
export const ROLLOUT_READERS = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;

@ApiTags('rollout')
@ApiBearerAuth()
@Controller(`${API_V1}/rollout`)
export class RolloutApiController {
  constructor(
    private readonly rollout: RolloutDashboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('dashboard')
  @Roles(...ROLLOUT_READERS)
  @ApiOperation({ summary: 'The rollout per target region and in total against the current period’s targets, the envelope, and the timeline by quarter; `format=csv` for the figures as a file' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RolloutDashboardDto })
  async dashboard(@Query() query: RolloutQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<RolloutDashboardDto | string> {
    const dashboard = await this.rollout.dashboard(query.program ?? this.config.PROGRAM_CODE);
    if (query.format !== 'csv') return dashboard;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(`rollout-${dashboard.programCode}-${dashboard.asOf}.csv`));
    return dashboardCsv(dashboard);
  }

  @Get('regions')
  @Roles(...ROLLOUT_READERS)
  @ApiOperation({ summary: 'The ten target regions: wave, whether open, figures and this period’s regional targets' })
  @ApiOkResponse({ type: RegionsRolloutDto })
  async regions(@Query() query: RolloutQueryDto): Promise<RegionsRolloutDto> {
    const { asOf, period, regions } = await this.rollout.dashboard(query.program ?? this.config.PROGRAM_CODE, { timeline: false });
    return { asOf, period, regions };
  }
}
