import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { GrantPackage, OpenDataService, grantsCsv } from '@fa/rollout';
import { Public } from '../../auth/access.decorators';
import { attachmentDisposition } from '../../http/attachment-download';
import { API_V1 } from '../api-path';
import { RolloutQueryDto } from './rollout.dto';

/** Awarded grants as open data, in the 360Giving Data Standard (see docs/open-data.md). No sign-in. */
@ApiTags('open data')
@Controller(`${API_V1}/open-data`)
export class OpenDataApiController {
  constructor(
    private readonly openData: OpenDataService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('grants')
  @Public()
  @ApiOperation({ summary: 'Awarded grants as a 360Giving data package (JSON, schema 1.4) or its spreadsheet layout (`format=csv`); no personal information' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '`{ "version": "1.4", "grants": [...] }`, each grant valid against the 360Giving schema' })
  async grants(@Query() query: RolloutQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<GrantPackage | string> {
    const grants = await this.openData.grants(query.program ?? this.config.PROGRAM_CODE);
    void reply.header('cache-control', 'public, max-age=300');
    if (query.format !== 'csv') return grants;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentDisposition(`subventions-${query.program ?? this.config.PROGRAM_CODE}.csv`));
    return grantsCsv(grants.grants);
  }
}
