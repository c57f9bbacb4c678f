/** A form field as text: anything else (absent, repeated, an object) reads as empty. */
export function formText(value: unknown): string {
  // NUL cannot be stored in a text column; nobody types it.
  return typeof value === 'string' ? value.replaceAll('\u0000', '').trim() : '';
}

/** A secret or token field, kept exactly as typed (spaces are part of a passphrase). */
export function formSecret(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Enough of an e-mail address to be worth sending a link to. */
export function looksLikeEmail(value: string): boolean {
  return value.length <= 320 && /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(value);
}
