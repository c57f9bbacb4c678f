import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function attachmentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '_') || 'document';
  // RFC 8187 allows fewer characters than encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * An uploaded file as the answer, for the API and the portal alike: always a download, under
 * its recorded type, sandboxed so that a browser never runs what it holds.
 */
export function attachmentDownload(reply: FastifyReply, attachment: { originalName: string; mediaType: string; sizeBytes: number }, content: Readable): StreamableFile {
  void reply.header('content-security-policy', "default-src 'none'; sandbox");
  return new StreamableFile(content, { type: attachment.mediaType, disposition: attachmentDisposition(attachment.originalName), length: attachment.sizeBytes });
}
