import { LEDGER_COLUMNS } from './export-sql';
import { cellValue } from './row-values';

describe(cellValue.name, () => {
  const column = (name: string) => LEDGER_COLUMNS.find((candidate) => candidate.name === name)!;

  it('gives integers as numbers, text as text, NULL as null', () => {
    expect([cellValue(column('position'), '42'), cellValue(column('reason'), 'Approbation'), cellValue(column('grant_id'), null)]).toEqual([42, 'Approbation', null]);
  });

  it('refuses to round an integer past 2^53 rather than export it wrong', () => {
    expect(cellValue(column('amount_cents'), '9007199254740991')).toBe(9_007_199_254_740_991);
    expect(() => cellValue(column('amount_cents'), '9007199254740993')).toThrow('not a safe integer');
  });
});
