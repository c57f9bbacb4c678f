import { csvField, csvText } from './csv';

describe('csv', () => {
  it('quotes what needs it and neutralizes formulas, not negative numbers', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '+1', '@cmd', '-12.50', '-x'].map(csvField)).toEqual([
      'plain', '"a,b"', '"say ""hi"""', '"two\nlines"', "'=SUM(A1)", "'+1", "'@cmd", '-12.50', "'-x",
    ]);
  });

  it('joins rows with CRLF, ending with one', () => {
    expect(csvText([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });
});
