import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditExportsService } from '@fa/audit-exports';
import { Roles } from '../../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller } from '../../auth/caller';
import { exportDownload, exportRequester } from '../../http/export-download';
import { PageRenderer } from '../page-renderer';
import { LEDGER_FILTER_KEYS, exportFormatOf, queryFilter } from './export-filter-form';
import { ExportPageModels } from './export-page-models';
import { LedgerPageModel } from './ledger-page-model';

const READERS = ['AUDITOR', 'ADMINISTRATOR'] as const;

/**
 * The auditors' ledger in the portal: the entries by period, region, sector, grant and type;
 * the verification of the journal; its exports, streamed exactly as the API streams them; and
 * each export's manifest. Read-only: nothing here changes the ledger.
 */
@ApiExcludeController()
@Controller('ledger')
export class LedgerPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly model: LedgerPageModel,
    private readonly exportModels: ExportPageModels,
    private readonly exports: AuditExportsService,
  ) {}

  @Get()
  @Roles(...READERS)
  async browse(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const model = await this.model.build(caller.account.id, request, query);
    return this.pages.render(request, reply, 'ledger', model, model.errors ? 400 : 200);
  }

  /** Reads the whole journal (hash chain, balances, envelope): a page of its own, so that browsing stays as fast as a page of entries. */
  @Get('verification')
  @Roles(...READERS)
  async verification(@Req() request: RequestWithCaller, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'ledger-verification', await this.model.verification(request));
  }

  /** The export of the entries the ledger page's filters select; a wrong filter is the error page's 400, before anything is read. */
  @Get('export')
  @Roles(...READERS)
  async export(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: Record<string, unknown>): Promise<StreamableFile> {
    const filter = queryFilter(query, LEDGER_FILTER_KEYS);
    return exportDownload(reply, await this.exports.exportLedger(filter, exportFormatOf(query.format), exportRequester(caller, request)));
  }

  @Get('exports/:id')
  @Roles(...READERS)
  async manifest(@Req() request: RequestWithCaller, @Res() reply: FastifyReply, @Param('id') id: string) {
    const manifest = await this.exports.manifest(id, 'LEDGER');
    return this.pages.render(request, reply, 'export-manifest', this.exportModels.manifestPage(request, manifest));
  }
}
