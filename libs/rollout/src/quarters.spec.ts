import { quarterOf, quartersBetween } from './quarters';

describe('quarters', () => {
  it('names the quarter of a day', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-Q4']);
  });

  it('lists the quarters between two days, across years, both ends included', () => {
    expect(quartersBetween('2026-07-01', '2027-04-17')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2']);
    expect(quartersBetween('2026-07-01', '2026-07-02')).toEqual(['2026-Q3']);
    expect(quartersBetween('2026-07-01', '2026-06-30')).toEqual([]);
  });
});
