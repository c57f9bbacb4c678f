import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The end of a review (fund-rules.md §6): who works on a file (assignments, the first taker
 * leads), the rounds of review (a file returned for changes is reviewed afresh after it is
 * resubmitted), the recommendation a reviewer signs, and the approver's decision. All
 * append-only; the approval's money is in the ledger, under the decision's idempotency key.
 */
export class CreateRecommendationsAndDecisions1764000000012 implements MigrationInterface {
  name = 'CreateRecommendationsAndDecisions1764000000012';

  async up(db: QueryRunner): Promise<void> {
    // A mean review score at or above this suggests approval (our default; a setting).
    await db.query('ALTER TABLE review_settings ADD COLUMN approval_threshold_points integer NOT NULL DEFAULT 60 CHECK (approval_threshold_points BETWEEN 0 AND 100)');

    // Reviews belong to one submission of the file: after changes are requested and the file is
    // resubmitted, each reviewer scores the new content again.
    await db.query('ALTER TABLE review ADD COLUMN submission_sequence smallint');
    await db.query('ALTER TABLE review DISABLE TRIGGER review_no_update_delete');
    await db.query(`
      UPDATE review r SET submission_sequence = COALESCE(
        (SELECT max(sequence) FROM application_submission s WHERE s.application_id = r.application_id AND s.submitted_at <= r.submitted_at), 1)`);
    await db.query('ALTER TABLE review ENABLE TRIGGER review_no_update_delete');
    await db.query('ALTER TABLE review ALTER COLUMN submission_sequence SET NOT NULL');
    await db.query('ALTER TABLE review DROP CONSTRAINT review_application_id_reviewer_account_id_key');
    await db.query('ALTER TABLE review ADD CONSTRAINT review_one_per_reviewer_and_submission UNIQUE (application_id, submission_sequence, reviewer_account_id)');

    await db.query(`
      CREATE TABLE review_assignment (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        reviewer_account_id uuid NOT NULL REFERENCES account (id),
        assigned_by_account_id uuid NOT NULL REFERENCES account (id),
        lead boolean NOT NULL,
        assigned_at timestamptz NOT NULL,
        UNIQUE (application_id, reviewer_account_id)
      )`);
    await db.query('CREATE UNIQUE INDEX review_assignment_one_lead ON review_assignment (application_id) WHERE lead');
    await db.query('CREATE TRIGGER review_assignment_no_update_delete BEFORE UPDATE OR DELETE ON review_assignment FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');

    await db.query(`
      CREATE TABLE recommendation (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        submission_sequence smallint NOT NULL,
        reviewer_account_id uuid NOT NULL REFERENCES account (id),
        kind text NOT NULL CHECK (kind IN ('APPROVE', 'DECLINE')),
        computed_kind text NOT NULL CHECK (computed_kind IN ('APPROVE', 'DECLINE')),
        amount_cents bigint CHECK ((kind = 'APPROVE' AND amount_cents IS NOT NULL AND amount_cents > 0) OR (kind = 'DECLINE' AND amount_cents IS NULL)),
        reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 4000),
        mean_tenths integer NOT NULL CHECK (mean_tenths BETWEEN 0 AND 1000),
        review_ids uuid[] NOT NULL,
        signed_at timestamptz NOT NULL,
        UNIQUE (id, application_id)
      )`);
    await db.query('CREATE INDEX recommendation_application_idx ON recommendation (application_id, signed_at DESC)');
    await db.query('CREATE TRIGGER recommendation_no_update_delete BEFORE UPDATE OR DELETE ON recommendation FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');

    await db.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL UNIQUE REFERENCES application (id),
        recommendation_id uuid NOT NULL,
        approver_account_id uuid NOT NULL REFERENCES account (id),
        outcome text NOT NULL CHECK (outcome IN ('APPROVED', 'DECLINED')),
        amount_cents bigint CHECK ((outcome = 'APPROVED' AND amount_cents IS NOT NULL AND amount_cents > 0) OR (outcome = 'DECLINED' AND amount_cents IS NULL)),
        reasons text CHECK (length(reasons) <= 4000),
        request_key text NOT NULL,
        ledger_idempotency_key text REFERENCES ledger_command (idempotency_key),
        decided_at timestamptz NOT NULL,
        CHECK (outcome = 'APPROVED' OR (reasons IS NOT NULL AND length(reasons) >= 1)),
        CHECK ((outcome = 'APPROVED') = (ledger_idempotency_key IS NOT NULL)),
        -- A decision rests on a recommendation of the same file.
        FOREIGN KEY (recommendation_id, application_id) REFERENCES recommendation (id, application_id)
      )`);
    await db.query('CREATE TRIGGER decision_no_update_delete BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');
    // TRUNCATE skips row triggers: refuse it too, on every append-only table of the review.
    for (const table of ['review_declaration', 'screening_confirmation', 'review', 'review_assignment', 'recommendation', 'decision']) {
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION review_declaration_refuse_change()`);
    }
    // A recusal is final: no declaration after it, even one racing it (the lock serializes a person's declarations on a file).
    await db.query(`
      CREATE FUNCTION review_declaration_after_recusal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(NEW.application_id::text || NEW.account_id::text, 0));
        IF EXISTS (SELECT 1 FROM review_declaration WHERE application_id = NEW.application_id AND account_id = NEW.account_id AND kind = 'RECUSED') THEN
          RAISE EXCEPTION 'a recusal is final: no declaration after it' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query('CREATE TRIGGER review_declaration_recusal_final BEFORE INSERT ON review_declaration FOR EACH ROW EXECUTE FUNCTION review_declaration_after_recusal()');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER review_declaration_recusal_final ON review_declaration');
    await db.query('DROP FUNCTION review_declaration_after_recusal()');
    for (const table of ['review_declaration', 'screening_confirmation', 'review']) await db.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    for (const table of ['decision', 'recommendation', 'review_assignment']) await db.query(`DROP TABLE ${table}`);
    await db.query('ALTER TABLE review DROP CONSTRAINT review_one_per_reviewer_and_submission');
    // Restoring one review per reviewer and file fails once a reviewer scored two submissions of a file: say so rather than half-undo.
    const [{ rounds }] = (await db.query('SELECT count(*)::int AS rounds FROM (SELECT 1 FROM review GROUP BY application_id, reviewer_account_id HAVING count(*) > 1) AS twice')) as { rounds: number }[];
    if (rounds > 0) throw new Error('Cannot undo review rounds: some reviewers scored two submissions of the same file.');
    await db.query('ALTER TABLE review ADD CONSTRAINT review_application_id_reviewer_account_id_key UNIQUE (application_id, reviewer_account_id)');
    await db.query('ALTER TABLE review DROP COLUMN submission_sequence');
    await db.query('ALTER TABLE review_settings DROP COLUMN approval_threshold_points');
  }
}
