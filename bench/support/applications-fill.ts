import { Client } from 'pg';
import { FILL_GRANTS } from './ledger-fill';

const REGIONS = ['06', '05', '17', '03', '02', '04', '16', '12', '13', '07', '01', '14'];
const SECTORS = ['MANUFACTURING_ROBOTICS', 'CONSTRUCTION_AI', 'HEALTH_AI'];
const APPLICANT = '00000000-0000-4000-9000-000000000001';
const REVIEWER = '00000000-0000-4000-9000-000000000002';
const APPROVER = '00000000-0000-4000-9000-000000000003';
const id = (prefix: string) => `('00000000-0000-4000-${prefix}-' || lpad(to_hex(i), 12, '0'))::uuid`;

/**
 * Synthetic files numbered `from`…`to` (inclusive) for the dashboard benchmark, in SQL (the
 * services would take hours for 100,000): each its enterprise and profile (twelve regions,
 * ten of them targets), a submission and a screening. Files below FILL_GRANTS are approved —
 * their ids are the ledger filler's grants, so the journal's balances belong to them — and
 * every twentieth other file is declined; the rest are screened or in review. Recommendations
 * and decisions are written as the review would, so the dashboard reads what it reads in use.
 */
export async function fillApplications(databaseUrl: string, from: number, to: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO account (id, email, display_name, preferred_locale, role, status, email_verified_at)
       VALUES ($1, 'pme@banc-essai.example', 'PME banc d''essai', 'fr', 'APPLICANT', 'ACTIVE', now()),
              ($2, 'analyste@banc-essai.example', 'Analyste banc d''essai', 'fr', 'REVIEWER', 'ACTIVE', now()),
              ($3, 'approbateur@banc-essai.example', 'Approbateur banc d''essai', 'fr', 'APPROVER', 'ACTIVE', now())
       ON CONFLICT (id) DO NOTHING`,
      [APPLICANT, REVIEWER, APPROVER],
    );
    const range = [from, to];
    await client.query(`INSERT INTO organization (id, legal_name, neq, created_by) SELECT ${id('a000')}, 'Entreprise ' || i || ' inc.', '12' || lpad(i::text, 8, '0'), '${APPLICANT}' FROM generate_series($1::int, $2::int) i`, range);
    await client.query(
      `INSERT INTO organization_profile (organization_id, region_code, naics_code, employees, ai_role)
       SELECT ${id('a000')}, ($3::text[])[1 + i % 12], '332710', 10 + i % 200, 'ADOPTER' FROM generate_series($1::int, $2::int) i`,
      [...range, REGIONS],
    );
    await client.query(
      `INSERT INTO application (id, program_code, organization_id, tracking_number, status, title, sector_code, amount_requested_cents, ai_jobs_planned, created_by, submitted_at)
       SELECT ${id('8000')}, 'FA-2026', ${id('a000')}, 'FA-2026-' || lpad(i::text, 6, '0'),
              CASE WHEN i < $3 THEN 'ACTIVE' WHEN i % 20 = 1 THEN 'DECLINED' WHEN i % 3 = 0 THEN 'IN_REVIEW' ELSE 'SCREENED' END,
              'Projet ' || i, ($4::text[])[1 + i % 3], 10000000 + (i % 40) * 1000000, 1 + i % 9, '${APPLICANT}',
              timestamptz '2026-07-01 00:00:00-04' + (i % 140) * interval '1 day' + (i % 86400) * interval '1 second'
         FROM generate_series($1::int, $2::int) i`,
      [...range, FILL_GRANTS, SECTORS],
    );
    await client.query(
      `INSERT INTO application_submission (id, application_id, sequence, submitted_at, submitted_by, content)
       SELECT ${id('b000')}, a.id, 1, a.submitted_at, '${APPLICANT}', '{}'::jsonb
         FROM generate_series($1::int, $2::int) i JOIN application a ON a.id = ${id('8000')}`,
      range,
    );
    await client.query(
      `INSERT INTO screening (id, application_id, submission_id, rule_set_version, outcome, score_tenths, inputs, settings, results, score_factors, deciding_rules, screened_at, settings_version)
       SELECT ${id('c000')}, ${id('8000')}, ${id('b000')}, '2026.1', CASE WHEN i % 7 = 0 THEN 'NEEDS_REVIEW' ELSE 'ELIGIBLE' END, 500 + i % 400,
              jsonb_build_object('regionCode', ($3::text[])[1 + i % 12]), '{}'::jsonb, '[]'::jsonb, '[]'::jsonb, '{}',
              timestamptz '2026-07-01 00:00:00-04' + (i % 140) * interval '1 day' + (i % 86400) * interval '1 second', 1
         FROM generate_series($1::int, $2::int) i`,
      [...range, REGIONS],
    );
    const decided = `FROM generate_series($1::int, $2::int) i WHERE i < $3 OR i % 20 = 1`;
    await client.query(
      `INSERT INTO recommendation (id, application_id, submission_sequence, reviewer_account_id, kind, computed_kind, amount_cents, reasons, mean_tenths, review_ids, signed_at)
       SELECT ${id('d000')}, ${id('8000')}, 1, '${REVIEWER}', k.kind, k.kind, CASE WHEN k.kind = 'APPROVE' THEN 10000000 + (i % 40) * 1000000 END, 'Banc d''essai', 700, '{}',
              timestamptz '2026-07-15 00:00:00-04' + (i % 120) * interval '1 day'
         ${decided.replace('WHERE', "CROSS JOIN LATERAL (SELECT CASE WHEN i < $3 THEN 'APPROVE' ELSE 'DECLINE' END AS kind) k WHERE")}`,
      [...range, FILL_GRANTS],
    );
    await client.query(
      `INSERT INTO decision (id, application_id, recommendation_id, approver_account_id, outcome, amount_cents, reasons, request_key, ledger_idempotency_key, decided_at, settings_version)
       SELECT ${id('e000')}, ${id('8000')}, ${id('d000')}, '${APPROVER}', CASE WHEN i < $3 THEN 'APPROVED' ELSE 'DECLINED' END,
              CASE WHEN i < $3 THEN 10000000 + (i % 40) * 1000000 END, CASE WHEN i < $3 THEN NULL ELSE 'Banc d''essai' END, 'bench-' || i,
              CASE WHEN i < $3 THEN 'ledger-fill:' || (i + 1) END, timestamptz '2026-07-20 00:00:00-04' + (i % 120) * interval '1 day', 1
         ${decided}`,
      [...range, FILL_GRANTS],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
