import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ExportDownload } from '@fa/audit-exports';
import { attachmentDisposition } from '../../http/attachment-download';

/** The header that names an export before its body starts: its manifest is at …/exports/{id}/manifest once the body ends. */
export const EXPORT_ID_HEADER = 'x-export-id';

/** An export as the answer: a download, with its id (and the rows it will hold) in the headers. */
export function exportDownload(reply: FastifyReply, download: ExportDownload): StreamableFile {
  void reply.header(EXPORT_ID_HEADER, download.exportId).header('x-export-row-count', String(download.rowCount));
  return new StreamableFile(download.content, { type: download.contentType, disposition: attachmentDisposition(download.fileName) });
}
