import { Body, Controller, Get, Param, ParseIntPipe, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IsInt, IsObject, IsString, Min } from 'class-validator';
import { ProgramAdministrationService, ProgramSettingsDocument, SettingsVersion } from '@fa/administration';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../auth/caller';
import { API_V1 } from './api-path';
import { ErrorResponseDto } from './error-response.dto';
import { ProgramCodePipe } from './program-code.pipe';

const DOCUMENT_DESCRIPTION = 'The whole settings document, as GET gives it: envelopeCents, grantCeilingCents, coInvestmentRatioBps, intakeOpensOn, intakeClosesOn, '
  + 'screening {limits, weights}, review {divergencePoints, approvalThresholdPoints}, agreements {trancheBps, reminderDaysBefore}, waves [{waveNumber, nameFr, nameEn, opensOn, regionCodes}], '
  + 'targets [{periodCode, labelFr, labelEn, startsOn, endsOn, smesFunded, aiJobs, regions [{regionCode, smesFunded, aiJobs}]}]';

export class SettingsVersionDto implements SettingsVersion {
  @ApiProperty({ example: 'FA-2026' }) programCode!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: DOCUMENT_DESCRIPTION }) settings!: ProgramSettingsDocument;
  @ApiProperty({ nullable: true, type: String, description: 'Account id of the administrator; null for the settings the migrations set' }) changedBy!: string | null;
  @ApiProperty() changedAt!: string;
  @ApiProperty() reason!: string;
}

export class SettingsChangeDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: DOCUMENT_DESCRIPTION }) @IsObject() settings!: ProgramSettingsDocument;
  @ApiProperty({ example: 'Cibles régionales de T4 fixées par le comité' }) @IsString() reason!: string;
  @ApiProperty({ example: 1, description: 'The version the change starts from (optimistic concurrency)' }) @IsInt() @Min(1) expectedVersion!: number;
}

/**
 * A program's settings, versioned: administrators change them (a whole document, with why);
 * administrators and auditors read every version. See docs/program-administration.md.
 */
@ApiTags('program administration')
@ApiBearerAuth()
@Controller(`${API_V1}/programs/:code/settings`)
export class ProgramSettingsApiController {
  constructor(private readonly administration: ProgramAdministrationService) {}

  @Get()
  @Roles('ADMINISTRATOR', 'AUDITOR')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOperation({ summary: 'The settings in force, as their latest version' })
  @ApiOkResponse({ type: SettingsVersionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  current(@Param('code', ProgramCodePipe) code: string): Promise<SettingsVersionDto> {
    return this.administration.current(code);
  }

  @Get('versions')
  @Roles('ADMINISTRATOR', 'AUDITOR')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOperation({ summary: 'Every version of the settings, newest first, with who changed them, when and why' })
  @ApiOkResponse({ type: [SettingsVersionDto] })
  history(@Param('code', ProgramCodePipe) code: string): Promise<SettingsVersionDto[]> {
    return this.administration.history(code);
  }

  @Get('versions/:version')
  @Roles('ADMINISTRATOR', 'AUDITOR')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOkResponse({ type: SettingsVersionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SETTINGS_VERSION_NOT_FOUND' })
  version(@Param('code', ProgramCodePipe) code: string, @Param('version', ParseIntPipe) version: number): Promise<SettingsVersionDto> {
    return this.administration.version(code, version);
  }

  @Put()
  @Roles('ADMINISTRATOR')
  @ApiParam({ name: 'code', example: 'FA-2026' })
  @ApiOperation({ summary: 'Change the settings: the whole document becomes the next version; screenings and decisions keep the version they read' })
  @ApiBody({ type: SettingsChangeDto })
  @ApiOkResponse({ type: SettingsVersionDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SETTINGS_VERSION_CONFLICT (changed meanwhile) or ENVELOPE_BELOW_COMMITMENTS' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'SETTINGS_UNCHANGED' })
  change(@Param('code', ProgramCodePipe) code: string, @Body() body: SettingsChangeDto, @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller): Promise<SettingsVersionDto> {
    return this.administration.change(actingCaller(caller, request), code, body);
  }
}
