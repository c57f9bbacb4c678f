import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditExportsService } from '@fa/audit-exports';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller } from '../../auth/caller';
import { API_V1 } from '../api-path';
import { ErrorResponseDto } from '../error-response.dto';
import { exportDownload, exportRequester } from '../../http/export-download';
import { AuditExportQueryDto } from './export-query.dto';
import { ExportManifestDto } from './export-response.dto';
import { EXPORT_FILE_RESPONSE } from './ledger-export-api.controller';

/** Exports of the audit trail, recorded in the audit trail itself. Read-only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller(`${API_V1}/audit-events`)
export class AuditExportApiController {
  constructor(private readonly exports: AuditExportsService) {}

  @Get('export')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Export the audit events of a period (and action prefix) as CSV, XLSX or JSON Lines, with a manifest (see docs/exports.md)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/jsonl')
  @ApiOkResponse(EXPORT_FILE_RESPONSE)
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'EXPORTS_BUSY: too many exports at once; see Retry-After' })
  async export(@Query() query: AuditExportQueryDto, @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { format, ...filter } = query;
    return exportDownload(reply, await this.exports.exportAuditTrail(filter, format ?? 'csv', exportRequester(caller, request)));
  }

  @Get('exports/:id/manifest')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'The manifest of a completed audit-trail export: filters, row count, SHA-256 of the file, audit chain head' })
  @ApiOkResponse({ type: ExportManifestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  manifest(@Param('id') id: string): Promise<ExportManifestDto> {
    return this.exports.manifest(id, 'AUDIT_TRAIL');
  }
}
