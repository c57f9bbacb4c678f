import { MessageCatalog } from '@fa/shared';
import { AUDIT_EXPORT_FILTER_KEYS, LEDGER_FILTER_KEYS, filterQuery, queryFilter, readAuditPeriod, readLedgerFilter } from './export-filter-form';

const catalog = MessageCatalog.load();
const t = (locale: 'fr' | 'en') => (key: string, params?: Record<string, unknown>) => catalog.translate(locale, key, params);
const CHOICES = { regions: ['03', '06'], sectors: ['HEALTH_AI', 'CONSTRUCTION_AI'] };
const GRANT = '7D7F6F0E-2A7C-4C1E-9D3B-5B8E2F1A0C44';

describe(readLedgerFilter.name, () => {
  it('keeps the fields set, as the library reads them (a grant id in lower case)', () => {
    const sut = readLedgerFilter({ from: ' 2026-11-01 ', to: '2026-11-30', region: '06', sector: '', grant: GRANT, type: 'DISBURSEMENT', after: '12' }, CHOICES, t('fr'));
    expect(sut).toEqual({
      filter: { from: '2026-11-01', to: '2026-11-30', region: '06', grant: GRANT.toLowerCase(), type: 'DISBURSEMENT' },
      values: { from: '2026-11-01', to: '2026-11-30', region: '06', sector: '', grant: GRANT.toLowerCase(), agreement: '', type: 'DISBURSEMENT' },
      problems: [],
    });
  });

  it('names each wrong field in the form’s order, in the page’s language, and filters nothing then', () => {
    const sut = readLedgerFilter({ type: 'NOPE', grant: 'abc', agreement: 'x', region: '99', to: '2027-02-30', sector: 'HEALTH_AI' }, CHOICES, t('en'));
    expect(sut.filter).toEqual({});
    expect(sut.problems).toEqual([
      { field: 'to', message: 'To: write a valid date (YYYY-MM-DD).' },
      { field: 'region', message: 'Region: choose one of the options offered.' },
      { field: 'grant', message: 'Grant (id): write the grant\'s full id, for example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.' },
      { field: 'agreement', message: 'Agreement (id): write the agreement\'s full id, for example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.' },
      { field: 'type', message: 'Entry type: choose one of the options offered.' },
    ]);
  });

  it('refuses a period the wrong way round, at its end', () => {
    expect(readLedgerFilter({ from: '2026-12-01', to: '2026-11-01' }, CHOICES, t('fr')).problems).toEqual([{ field: 'to', message: 'Au : la fin de la période doit suivre son début (Du).' }]);
    expect(readLedgerFilter({ from: '2026-12-01', to: '2026-12-01' }, CHOICES, t('fr')).problems).toEqual([]);
  });

  it('reads a repeated or non-text value as empty', () => {
    expect(readLedgerFilter({ region: ['03', '06'], type: { a: 1 } }, CHOICES, t('fr'))).toMatchObject({ filter: {}, problems: [] });
  });
});

describe(readAuditPeriod.name, () => {
  it('reads the period alone', () => {
    expect(readAuditPeriod({ from: '2026-11-01', action: 'auth.' }, t('fr'))).toEqual({ filter: { from: '2026-11-01' }, values: { from: '2026-11-01', to: '' }, problems: [] });
    expect(readAuditPeriod({ from: 'hier' }, t('fr')).problems).toEqual([{ field: 'from', message: 'Du : écrivez une date valide (AAAA-MM-JJ).' }]);
  });
});

describe(queryFilter.name, () => {
  it('takes the export’s own fields, as typed, for the library to check', () => {
    expect(queryFilter({ format: 'csv', from: '2026-11-01', region: ' 06 ', grant: '', sneaky: 'x' }, LEDGER_FILTER_KEYS)).toEqual({ from: '2026-11-01', region: '06' });
    expect(queryFilter({ action: 'auth.', region: '06' }, AUDIT_EXPORT_FILTER_KEYS)).toEqual({ action: 'auth.' });
  });
});

describe(filterQuery.name, () => {
  it('writes the fields set after the extra ones, escaped', () => {
    expect(filterQuery({ from: '2026-11-01', region: undefined, action: 'a&b' }, { format: 'jsonl' })).toBe('format=jsonl&from=2026-11-01&action=a%26b');
    expect(filterQuery({})).toBe('');
  });
});
