/** The file types an application accepts, recognised from their bytes (never from the name). */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The media type found in the bytes, or null when it is not one we accept. */
export async function detectAcceptedType(bytes: Buffer): Promise<string | null> {
  // file-type is an ES module; Node 20.19+ loads it through require(esm).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  return detected && detected.mime in ACCEPTED_MEDIA_TYPES ? detected.mime : null;
}

/** A name safe to show and to put in a Content-Disposition header: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base].filter((character) => character > '\u001f' && character !== '\u007f' && character !== '"').join('').trim().slice(0, 255);
  return cleaned.length > 0 ? cleaned : 'document';
}
