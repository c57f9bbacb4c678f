import { StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExportDownload, ExportRequester } from '@fa/audit-exports';
import { Caller, clientAddressOf } from '../auth/caller';
import { attachmentDisposition } from './attachment-download';

/**
 * An auditor's export as the answer, for the API and the portal alike (see docs/exports.md):
 * the same stream, the same headers, the same manifest at its end.
 */

/** The header that names an export before its body starts: its manifest is at …/exports/{id}/manifest once the body ends. */
export const EXPORT_ID_HEADER = 'x-export-id';

/** An export as the answer: a download, with its id (and the rows it will hold) in the headers. */
export function exportDownload(reply: FastifyReply, download: ExportDownload): StreamableFile {
  // The manifest is stored before the last bytes leave: a connection closed before the response
  // finished is recorded as well, so the trail never shows only a SUCCESS for a file cut short.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) void download.reportUndelivered('the connection closed before the whole file was sent');
  });
  void reply.header(EXPORT_ID_HEADER, download.exportId).header('x-export-row-count', String(download.rowCount)).header('cache-control', 'no-store');
  return new StreamableFile(download.content, { type: download.contentType, disposition: attachmentDisposition(download.fileName) });
}

/** The signed-in person asking for an export, as its manifest and the audit trail record them. */
export function exportRequester(caller: Caller, request: FastifyRequest): ExportRequester {
  return { accountId: caller.account.id, label: caller.account.email, clientAddress: clientAddressOf(request) };
}
