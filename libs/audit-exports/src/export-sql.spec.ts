import { auditConditions, ledgerConditions, ledgerExportSelect, whereClause } from './export-sql';

describe(ledgerConditions.name, () => {
  it('turns a period into instants of the time zone, the last day included', () => {
    expect(ledgerConditions({ from: '2026-11-01', to: '2026-11-30' }, 'America/Toronto')).toEqual([
      "occurred_at >= ('2026-11-01'::date)::timestamp AT TIME ZONE 'America/Toronto'",
      "occurred_at < ('2026-11-30'::date + 1)::timestamp AT TIME ZONE 'America/Toronto'",
    ]);
  });

  it('selects an agreement by its file, the grant the ledger knows', () => {
    expect(ledgerConditions({ agreement: 'A0B1C2D3-0000-4000-8000-000000000001' }, 'UTC')).toEqual(["grant_id = (SELECT application_id FROM agreement WHERE id = 'a0b1c2d3-0000-4000-8000-000000000001'::uuid)"]);
  });

  it('writes values as escaped literals, whatever gets past validation', () => {
    expect(ledgerConditions({ sector: "X' OR '1'='1", grant: 'AB' }, 'UTC')).toEqual(["sector_code = 'X'' OR ''1''=''1'", "grant_id = 'ab'::uuid"]);
  });
});

describe(auditConditions.name, () => {
  it('matches the start of an action without LIKE wildcards', () => {
    expect(auditConditions({ action: 'auth_x.' }, 'UTC')).toEqual(["starts_with(action, 'auth_x.')"]);
  });
});

describe(ledgerExportSelect.name, () => {
  it('selects every column in chain order, with no WHERE when nothing filters', () => {
    const sut = ledgerExportSelect({}, 'UTC');
    expect(sut).toMatch(/^SELECT position, id, to_char\(occurred_at AT TIME ZONE 'UTC', .+\) AS occurred_at, entry_type, amount_cents, .+ FROM ledger_entry {2}ORDER BY position$/);
    expect(whereClause([])).toBe('');
  });
});
