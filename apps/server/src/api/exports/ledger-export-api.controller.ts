import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponseOptions, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditExportsService, LedgerEntriesService } from '@fa/audit-exports';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller } from '../../auth/caller';
import { API_V1 } from '../api-path';
import { ErrorResponseDto } from '../error-response.dto';
import { exportDownload, exportRequester } from '../../http/export-download';
import { LedgerEntriesQueryDto, LedgerExportQueryDto } from './export-query.dto';
import { ExportManifestDto, LedgerEntryPageDto } from './export-response.dto';

export const EXPORT_FILE_RESPONSE: ApiResponseOptions = {
  description: 'The file, streamed as it is produced. `X-Export-Id` names the export before the body starts; its manifest is stored before the body ends.',
  headers: { 'X-Export-Id': { description: 'Id of the export, for its manifest', schema: { type: 'string', format: 'uuid' } }, 'X-Export-Row-Count': { description: 'Rows the file holds', schema: { type: 'integer' } } },
};

/** The auditors' reading of the journal: pages of entries, exports and their manifests. Read-only. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller(`${API_V1}/ledger`)
export class LedgerExportApiController {
  constructor(
    private readonly entries: LedgerEntriesService,
    private readonly exports: AuditExportsService,
  ) {}

  @Get('entries')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Journal entries in chain order, filtered by period, region, sector, grant and type; paged by position' })
  @ApiOkResponse({ type: LedgerEntryPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  browse(@Query() query: LedgerEntriesQueryDto): Promise<LedgerEntryPageDto> {
    const { after, limit, ...filter } = query;
    return this.entries.browse(filter, { after, limit });
  }

  @Get('export')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Export the journal entries the filters select as CSV, XLSX or JSON Lines, with a manifest (see docs/exports.md)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/jsonl')
  @ApiOkResponse(EXPORT_FILE_RESPONSE)
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'EXPORTS_BUSY: too many exports at once; see Retry-After' })
  async export(@Query() query: LedgerExportQueryDto, @CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { format, ...filter } = query;
    return exportDownload(reply, await this.exports.exportLedger(filter, format ?? 'csv', exportRequester(caller, request)));
  }

  @Get('exports/:id/manifest')
  @Roles('AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'The manifest of a completed ledger export: filters, row count, totals per account, SHA-256 of the file, chain head' })
  @ApiOkResponse({ type: ExportManifestDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  manifest(@Param('id') id: string): Promise<ExportManifestDto> {
    return this.exports.manifest(id, 'LEDGER');
  }
}
