import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { CommonErrorCode, DomainError, ValidationFailedError } from '@fa/shared';
import { tooLarge } from '@fa/intake';

class NotMultipartError extends DomainError<CommonErrorCode.UNSUPPORTED_MEDIA_TYPE> {
  constructor() {
    super(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the file as multipart/form-data, with a "file" part.');
  }
}

export interface Upload {
  /** Text fields sent before the file part. */
  fields: Record<string, string>;
  originalName: string;
  bytes: Buffer;
}

/**
 * Reads one uploaded file into memory, stopping at `maxBytes` (the program's limit) so an
 * oversized file is refused with 413 before it is held whole. Fields must precede the file.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number, beforeReading?: (fields: Record<string, string>) => void): Promise<Upload> {
  if (!request.isMultipart()) throw new NotMultipartError();
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 8192, parts: 12 } });
  if (!part) throw new ValidationFailedError([{ field: 'file', problems: ['a file part is required'] }]);
  // The fields sent before the file (a CSRF token, say) can refuse the upload before its bytes are read.
  beforeReading?.(textFields(part));
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw error;
  }
  if (bytes.length === 0) throw new ValidationFailedError([{ field: 'file', problems: ['the file is empty'] }]);
  return { fields: textFields(part), originalName: part.filename, bytes };
}

function textFields(part: MultipartFile): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const single = Array.isArray(value) ? value[0] : value;
    if (single && single.type === 'field' && typeof single.value === 'string') fields[name] = single.value;
  }
  return fields;
}
