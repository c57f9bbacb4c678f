import { filterProblems, recordedFilters } from './export-filters';

describe(filterProblems.name, () => {
  it('accepts every filter in its documented shape', () => {
    expect(filterProblems({ from: '2026-11-01', to: '2026-11-30', region: '06', sector: 'HEALTH_AI', grant: '0A1B2C3D-0000-4000-8000-000000000001', type: 'COMMITMENT' })).toEqual([]);
    expect(filterProblems({ action: 'ledger.' })).toEqual([]);
    expect(filterProblems({ from: '2026-11-30', to: '2026-11-30' })).toEqual([]);
  });

  it('names each field that is wrong, and a period the wrong way round', () => {
    expect(filterProblems({ from: '2026-02-30', region: '6', grant: 'x', type: "COMMITMENT' OR 1=1" })).toEqual([
      'from must be a real date written YYYY-MM-DD',
      'region must be a two-digit region code',
      'grant must be a grant id (UUID)',
      'type must be an entry type in capitals',
    ]);
    expect(filterProblems({ from: '2026-12-01', to: '2026-11-01' })).toEqual(['from must not be after to']);
    expect(filterProblems({ colour: 'blue' } as never)).toEqual(['colour is not a filter']);
  });
});

describe(recordedFilters.name, () => {
  it('keeps the filters set and the time zone that gives a period its meaning', () => {
    expect(recordedFilters({ region: '06', sector: undefined }, 'America/Toronto')).toEqual({ region: '06' });
    expect(recordedFilters({ to: '2026-11-30' }, 'America/Toronto')).toEqual({ to: '2026-11-30', timeZone: 'America/Toronto' });
  });
});
