/**
 * The rollout dashboard's reads. Each file counts in the region of its latest screening (the
 * region of the project's establishment when it was last submitted); money comes from the
 * ledger's balances, so the figures add up to the envelope as the ledger does.
 */

/** Every submitted file of the program ($1) with its region and effective eligibility. */
const FILES = `
  files AS (
    SELECT a.id, a.organization_id, a.ai_jobs_planned, s.region_code, s.eligibility
      FROM application a
      JOIN LATERAL (
        SELECT l.inputs->>'regionCode' AS region_code, coalesce(c.confirmed_outcome, l.outcome) AS eligibility
          FROM screening l
          LEFT JOIN screening_confirmation c ON c.screening_id = l.id
         WHERE l.application_id = a.id
         ORDER BY l.screened_at DESC, l.id DESC
         LIMIT 1) s ON true
     WHERE a.program_code = $1 AND a.submitted_at IS NOT NULL
  )`;

/** Per grant: what is still committed, and what left (disbursed, or paid beyond what is due and to recover). */
const BALANCES = `
  balances AS (
    SELECT grant_id,
           sum(balance_cents) FILTER (WHERE kind = 'COMMITTED') AS committed,
           sum(balance_cents) FILTER (WHERE kind IN ('DISBURSED', 'RECEIVABLE')) AS disbursed
      FROM ledger_account
     WHERE program_code = $1 AND grant_id IS NOT NULL
     GROUP BY grant_id
  )`;

/** Per file with an agreement: the AI jobs of its latest accepted milestone report. */
const REPORTED_JOBS = `
  reported AS (
    SELECT DISTINCT ON (g.application_id) g.application_id, r.ai_jobs_to_date AS jobs
      FROM milestone_report r
      JOIN milestone_report_review v ON v.report_id = r.id AND v.outcome = 'ACCEPTED'
      JOIN agreement g ON g.id = r.agreement_id
     ORDER BY g.application_id, r.milestone_number DESC, r.submitted_at DESC
  )`;

/** The figures by region (`region_code`, NULL for the files without one) and in total (`total`). */
export const FIGURES_BY_REGION = `
  WITH ${FILES}, ${BALANCES}, ${REPORTED_JOBS}
  SELECT f.region_code, GROUPING(f.region_code) = 1 AS total,
         count(*)::int AS received,
         count(*) FILTER (WHERE f.eligibility = 'ELIGIBLE')::int AS eligible,
         count(DISTINCT f.organization_id) FILTER (WHERE d.outcome = 'APPROVED')::int AS smes_funded,
         coalesce(sum(d.amount_cents) FILTER (WHERE d.outcome = 'APPROVED'), 0)::text AS approved_cents,
         coalesce(sum(coalesce(g.amount_cents, d.amount_cents)) FILTER (WHERE d.outcome = 'APPROVED'), 0)::text AS awarded_cents,
         coalesce(sum(b.committed), 0)::text AS committed_cents,
         coalesce(sum(b.disbursed), 0)::text AS disbursed_cents,
         coalesce(sum(f.ai_jobs_planned) FILTER (WHERE d.outcome = 'APPROVED'), 0)::int AS ai_jobs_planned,
         coalesce(sum(r.jobs), 0)::int AS ai_jobs_reported
    FROM files f
    LEFT JOIN decision d ON d.application_id = f.id
    LEFT JOIN agreement g ON g.application_id = f.id
    LEFT JOIN balances b ON b.grant_id = f.id
    LEFT JOIN reported r ON r.application_id = f.id
   GROUP BY GROUPING SETS ((f.region_code), ())`;

/** The envelope's accounts of the program. */
export const ENVELOPE = `
  SELECT coalesce(sum(balance_cents) FILTER (WHERE kind = 'ENVELOPE_AVAILABLE'), 0)::text AS available,
         coalesce(sum(balance_cents) FILTER (WHERE kind = 'COMMITTED'), 0)::text AS committed,
         coalesce(sum(balance_cents) FILTER (WHERE kind = 'DISBURSED'), 0)::text AS disbursed,
         coalesce(sum(balance_cents) FILTER (WHERE kind = 'RECEIVABLE'), 0)::text AS receivable
    FROM ledger_account WHERE program_code = $1`;

/**
 * The starts of the calendar quarters from 2000 to 2100 in the time zone $1, and their labels:
 * the timeline puts each row in its quarter with `width_bucket` over these instants (a binary
 * search), instead of converting a million timestamps to the zone one by one (twice as slow).
 */
export const QUARTER_STARTS = `
  SELECT array_agg(d::timestamp AT TIME ZONE $1 ORDER BY d) AS starts, array_agg(to_char(d, 'YYYY-"Q"Q') ORDER BY d) AS labels
    FROM generate_series(timestamp '2000-01-01', timestamp '2099-10-01', interval '3 months') d`;

/**
 * The timeline by quarter ($2: QUARTER_STARTS's instants; `bucket` n is the quarter of the
 * n-th start): files received (first submission), approvals, and the money committed and
 * disbursed, net of what was released or reversed.
 */
export const TIMELINE = `
  WITH received AS (
    SELECT width_bucket(s.submitted_at, $2::timestamptz[]) AS bucket, count(*)::int AS n
      FROM application_submission s JOIN application a ON a.id = s.application_id
     WHERE a.program_code = $1 AND s.sequence = 1
     GROUP BY 1
  ), approved AS (
    SELECT width_bucket(d.decided_at, $2::timestamptz[]) AS bucket, count(*)::int AS n
      FROM decision d JOIN application a ON a.id = d.application_id
     WHERE a.program_code = $1 AND d.outcome = 'APPROVED'
     GROUP BY 1
  ), money AS (
    SELECT width_bucket(e.occurred_at, $2::timestamptz[]) AS bucket,
           sum(CASE e.entry_type WHEN 'COMMITMENT' THEN e.amount_cents WHEN 'COMMITMENT_RELEASE' THEN -e.amount_cents ELSE 0 END) AS committed,
           sum(CASE e.entry_type WHEN 'DISBURSEMENT' THEN e.amount_cents WHEN 'DISBURSEMENT_REVERSAL' THEN -e.amount_cents ELSE 0 END) AS disbursed
      FROM ledger_entry e
     WHERE e.entry_type IN ('COMMITMENT', 'COMMITMENT_RELEASE', 'DISBURSEMENT', 'DISBURSEMENT_REVERSAL')
       AND e.grant_id IN (SELECT grant_id FROM ledger_account WHERE program_code = $1 AND grant_id IS NOT NULL)
     GROUP BY 1
  )
  SELECT q.bucket, coalesce(r.n, 0) AS received, coalesce(p.n, 0) AS approved,
         coalesce(m.committed, 0)::text AS committed_cents, coalesce(m.disbursed, 0)::text AS disbursed_cents
    FROM (SELECT bucket FROM received UNION SELECT bucket FROM approved UNION SELECT bucket FROM money) q
    LEFT JOIN received r USING (bucket)
    LEFT JOIN approved p USING (bucket)
    LEFT JOIN money m USING (bucket)
   ORDER BY q.bucket`;

/** Targets per region and period set by an administrator. */
export const REGIONAL_TARGETS = `
  SELECT period_code, region_code, smes_funded, ai_jobs FROM regional_target WHERE program_code = $1`;
