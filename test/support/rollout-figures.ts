import type { RolloutFigures } from '@fa/rollout';
import { TestDatabase } from './test-database';

/** The rollout's figures of one region (cents for money), as the dashboard gives them. */
export type Figures = RolloutFigures;

/** The same figures computed another way: counts from the files' records, money from the ledger's entries by region. */
export async function independentFigures(db: TestDatabase): Promise<Map<string, Figures>> {
  const rows = await db.query<Record<string, string>>(`
    WITH region_of AS (
      SELECT DISTINCT ON (application_id) application_id, inputs->>'regionCode' AS region, outcome, id FROM screening ORDER BY application_id, screened_at DESC
    ), money AS (
      SELECT region_code AS region,
             sum(CASE entry_type WHEN 'COMMITMENT' THEN amount_cents WHEN 'COMMITMENT_RELEASE' THEN -amount_cents WHEN 'DISBURSEMENT' THEN -amount_cents WHEN 'DISBURSEMENT_REVERSAL' THEN amount_cents ELSE 0 END) AS committed,
             sum(CASE entry_type WHEN 'DISBURSEMENT' THEN amount_cents WHEN 'DISBURSEMENT_REVERSAL' THEN -amount_cents ELSE 0 END) AS disbursed
        FROM ledger_entry WHERE grant_id IS NOT NULL GROUP BY region_code
    )
    SELECT r.region,
           count(*) AS received,
           count(*) FILTER (WHERE coalesce((SELECT confirmed_outcome FROM screening_confirmation c WHERE c.screening_id = r.id), r.outcome) = 'ELIGIBLE') AS eligible,
           count(d.*) FILTER (WHERE d.outcome = 'APPROVED') AS funded,
           coalesce(sum(d.amount_cents), 0) AS approved,
           coalesce(sum(coalesce(g.amount_cents, d.amount_cents)) FILTER (WHERE d.outcome = 'APPROVED'), 0) AS awarded,
           coalesce(sum(a.ai_jobs_planned) FILTER (WHERE d.outcome = 'APPROVED'), 0) AS planned,
           coalesce(max(m.committed), 0) AS committed, coalesce(max(m.disbursed), 0) AS disbursed
      FROM region_of r JOIN application a ON a.id = r.application_id
      LEFT JOIN decision d ON d.application_id = r.application_id
      LEFT JOIN agreement g ON g.application_id = r.application_id
      LEFT JOIN money m ON m.region = r.region
     GROUP BY r.region`);
  return new Map(rows.map((row) => [row.region, {
    received: Number(row.received), eligible: Number(row.eligible), smesFunded: Number(row.funded), approvedCents: Number(row.approved), awardedCents: Number(row.awarded),
    committedCents: Number(row.committed), disbursedCents: Number(row.disbursed), aiJobsPlanned: Number(row.planned), aiJobsReported: -1,
  }]));
}

