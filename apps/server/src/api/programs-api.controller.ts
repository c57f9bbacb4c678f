import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProgramOverviewDto, ProgramSettingsDto, ProgramsService, RegionDto } from '@fa/programs';
import { ErrorResponseDto } from './error-response.dto';
import { API_V1 } from './api-path';
import { Public } from '../auth/access.decorators';
import { AsOfQueryDto } from './programs-api.dto';
import { ProgramCodePipe } from './program-code.pipe';

@ApiTags('programs')
@Public()
@Controller(API_V1)
export class ProgramsApiController {
  constructor(private readonly programs: ProgramsService) {}

  @Get('programs/:code')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOperation({ summary: "A program's settings: envelope, ceiling, co-investment ratio, dates" })
  @ApiOkResponse({ type: ProgramSettingsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PROGRAM_NOT_FOUND' })
  settings(@Param('code', ProgramCodePipe) code: string): Promise<ProgramSettingsDto> {
    return this.programs.getSettings(code);
  }

  @Get('programs/:code/overview')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOperation({ summary: 'A program with its waves, target regions, sectors and targets, as of a date' })
  @ApiQuery({ name: 'asOf', required: false, description: 'Reference date YYYY-MM-DD (default: today)' })
  @ApiOkResponse({ type: ProgramOverviewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PROGRAM_NOT_FOUND' })
  overview(@Param('code', ProgramCodePipe) code: string, @Query() query: AsOfQueryDto): Promise<ProgramOverviewDto> {
    return this.programs.getOverview(code, query.asOf);
  }

  @Get('regions')
  @ApiOperation({ summary: "Québec's 17 administrative regions with their official codes" })
  @ApiOkResponse({ type: [RegionDto] })
  regions(): Promise<RegionDto[]> {
    return this.programs.listRegions();
  }
}
