import { Client } from 'pg';

/** Grants the synthetic journal spreads over, each with its COMMITTED account. */
export const FILL_GRANTS = 1_000;
/** Entries per transaction: each entry updates the chain head and two balances, so one huge transaction would pile up row versions. */
const BATCH = 200;
/** Regions of the ten target regions, and the three priority sectors of FA-2026. */
const REGIONS = ['06', '05', '17', '03', '02', '04', '16', '12', '13', '07'];
const SECTORS = ['MANUFACTURING_ROBOTICS', 'CONSTRUCTION_AI', 'HEALTH_AI'];

/** The deterministic id of synthetic grant `index` (0 ≤ index < FILL_GRANTS). */
export function fillGrantId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/**
 * Appends synthetic entries numbered `from`…`to` (inclusive) to the FA-2026 journal through
 * the ordinary INSERT path: the chaining trigger gives each its position and SHA-256 link and
 * the balance trigger moves the accounts, so the ledger still verifies afterwards. Three of
 * four entries commit 10.00–16.00 $ to a grant (the grants taken in turn); every fourth
 * releases 3.00 $ of the grant committed just before it. One entry every 25 s from 2026-07-01 (1,000,000 entries span
 * about 9½ months), over ten regions and three sectors. Idempotency keys are `ledger-fill:<n>`.
 */
export async function fillLedger(databaseUrl: string, from: number, to: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO ledger_account (code, kind, program_code, grant_id)
       SELECT 'COMMITTED:' || g.id, 'COMMITTED', 'FA-2026', g.id
         FROM (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS id FROM generate_series(0, $1 - 1) i) g
       ON CONFLICT (code) DO NOTHING`,
      [FILL_GRANTS],
    );
    for (let start = from; start <= to; start += BATCH) {
      const end = Math.min(start + BATCH - 1, to);
      await client.query('BEGIN');
      await client.query(`INSERT INTO ledger_command (idempotency_key, request_hash, outcome) SELECT 'ledger-fill:' || i, repeat('0', 64), 'POSTED' FROM generate_series($1::bigint, $2::bigint) i`, [start, end]);
      await client.query(INSERT_ENTRIES, [start, end, FILL_GRANTS, REGIONS, SECTORS]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

const INSERT_ENTRIES = `
  INSERT INTO ledger_entry (id, position, idempotency_key, entry_type, amount_cents, debit_account, credit_account, grant_id,
                            region_code, sector_code, actor, reason, occurred_at, previous_hash, hash)
  SELECT gen_random_uuid(), 0, 'ledger-fill:' || i,
         CASE WHEN release THEN 'COMMITMENT_RELEASE' ELSE 'COMMITMENT' END,
         CASE WHEN release THEN 300 ELSE 1000 + (i % 7) * 100 END,
         CASE WHEN release THEN 'ENVELOPE_AVAILABLE:FA-2026' ELSE 'COMMITTED:' || grant_id END,
         CASE WHEN release THEN 'COMMITTED:' || grant_id ELSE 'ENVELOPE_AVAILABLE:FA-2026' END,
         grant_id, ($4::text[])[1 + (grant_index % 10)::int], ($5::text[])[1 + (grant_index % 3)::int], md5(i::text)::uuid::text,
         CASE WHEN release THEN 'Réduction du dossier ' ELSE 'Approbation du dossier ' END || 'FA-2026-' || lpad(i::text, 7, '0'),
         timestamptz '2026-07-01 00:00:00-04' + i * interval '25 seconds', '', ''
    FROM (SELECT i, i % 4 = 3 AS release, (c / 4 * 3 + c % 4) % $3 AS grant_index
            FROM generate_series($1::bigint, $2::bigint) i CROSS JOIN LATERAL (SELECT CASE WHEN i % 4 = 3 THEN i - 1 ELSE i END AS c) commitment) n
   CROSS JOIN LATERAL (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n.grant_index), 12, '0'))::uuid AS grant_id) g
   ORDER BY i`;
