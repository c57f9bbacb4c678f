import { EXE_AS_PNG, HTML_AS_PDF, PNG_BYTES, pdfBytes, xlsxBytes } from '../../../test/support/files';
import { cleanFileName, detectAcceptedType } from './attachment-type';

describe(detectAcceptedType.name, () => {
  it.each([
    ['PDF', pdfBytes(), 'application/pdf'],
    ['PNG', PNG_BYTES, 'image/png'],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, ...new Array(32).fill(0)]), 'image/jpeg'],
    ['XLSX', xlsxBytes(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('recognises a %s from its bytes', async (_name, bytes, expected) => {
    await expect(detectAcceptedType(Buffer.from(bytes))).resolves.toBe(expected);
  });

  it.each([
    ['an HTML page', HTML_AS_PDF],
    ['a Windows executable', EXE_AS_PNG],
    ['plain text', Buffer.from('just some words')],
  ])('refuses %s whatever its name', async (_name, bytes) => {
    await expect(detectAcceptedType(Buffer.from(bytes))).resolves.toBeNull();
  });
});

describe(cleanFileName.name, () => {
  it('keeps the base name, drops paths, quotes and control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\temp\\lettre "banque".pdf')).toBe('lettre banque.pdf');
    expect(cleanFileName('évaluation\u0000.pdf')).toBe('évaluation.pdf');
    expect(cleanFileName('')).toBe('document');
  });
});
