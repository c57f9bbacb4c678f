/**
 * One CSV field (RFC 4180 quoting). A text starting as a formula would (= + - @, a tab or a
 * carriage return) is neutralized with a leading apostrophe, so a spreadsheet never runs a
 * payee's name or a title as a formula; negative numbers stay numbers.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of fields as a CSV text, CRLF line ends, ending with one. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
