import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements and their money (fund-rules.md §7): the tranche schedule as a program setting
 * (40 / 40 / 20 % by default), the agreement made from an approval, its tranches and milestones,
 * the enterprise's milestone reports and their review, payment orders for the finance system,
 * and amendments. Reports, orders' settlements and amendments are append-only records; an
 * agreement's, a tranche's and an order's current status are updated in place, with every change
 * in the audit trail and the money in the ledger.
 */
export class CreateAgreements1764000000013 implements MigrationInterface {
  name = 'CreateAgreements1764000000013';

  async up(db: QueryRunner): Promise<void> {
    // Evidence of private spending attached to milestone reports, on the file like its other attachments.
    await db.query('ALTER TABLE application_attachment DROP CONSTRAINT application_attachment_category_check');
    await db.query("ALTER TABLE application_attachment ADD CONSTRAINT application_attachment_category_check CHECK (category IN ('CO_INVESTMENT_EVIDENCE', 'FINANCIAL_STATEMENTS', 'PROJECT_PLAN', 'OTHER', 'MILESTONE_EVIDENCE'))");

    await db.query(`
      CREATE FUNCTION agreement_bps_sum(parts integer[]) RETURNS bigint LANGUAGE sql IMMUTABLE AS
      $$ SELECT coalesce(sum(p), 0) FROM unnest(parts) AS p $$`);
    await db.query(`
      CREATE TABLE agreement_settings (
        program_code text PRIMARY KEY REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        tranche_bps integer[] NOT NULL CHECK (cardinality(tranche_bps) BETWEEN 1 AND 12 AND agreement_bps_sum(tranche_bps) = 10000 AND 0 < ALL (tranche_bps)),
        reminder_days_before smallint NOT NULL CHECK (reminder_days_before BETWEEN 1 AND 90)
      )`);
    await db.query("INSERT INTO agreement_settings (program_code, tranche_bps, reminder_days_before) VALUES ('FA-2026', '{4000,4000,2000}', 14)");

    await db.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL UNIQUE REFERENCES application (id),
        decision_id uuid NOT NULL UNIQUE REFERENCES decision (id),
        organization_id uuid NOT NULL REFERENCES organization (id),
        program_code text NOT NULL REFERENCES program (code),
        region_code text,
        sector_code text,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        original_amount_cents bigint NOT NULL CHECK (original_amount_cents > 0),
        tranche_bps integer[] NOT NULL,
        status text NOT NULL CHECK (status IN ('OFFERED', 'ACCEPTED', 'SIGNED', 'COMPLETED', 'TERMINATED')),
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES account (id),
        accepted_at timestamptz,
        accepted_by uuid REFERENCES account (id),
        signed_at timestamptz,
        signed_by uuid REFERENCES account (id),
        ended_at timestamptz,
        CHECK (amount_cents <= original_amount_cents)
      )`);
    await db.query(`
      CREATE TABLE agreement_tranche (
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        number smallint NOT NULL CHECK (number > 0),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        -- The first tranche is releasable at signature; tranche n > 1 when the report of milestone n − 1 is accepted.
        milestone_number smallint,
        status text NOT NULL CHECK (status IN ('PENDING', 'RELEASABLE', 'RELEASED', 'PAID', 'CANCELLED')),
        PRIMARY KEY (agreement_id, number),
        CHECK ((number = 1) = (milestone_number IS NULL))
      )`);
    await db.query(`
      CREATE TABLE agreement_milestone (
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        number smallint NOT NULL CHECK (number > 0),
        title text NOT NULL,
        due_on date NOT NULL,
        final boolean NOT NULL,
        reminder_sent_at timestamptz,
        overdue_notice_sent_at timestamptz,
        PRIMARY KEY (agreement_id, number)
      )`);
    await db.query(`
      CREATE TABLE milestone_report (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        milestone_number smallint NOT NULL,
        progress text NOT NULL CHECK (length(progress) BETWEEN 1 AND 8000),
        ai_jobs_to_date integer NOT NULL CHECK (ai_jobs_to_date BETWEEN 0 AND 100000),
        private_spent_to_date_cents bigint NOT NULL CHECK (private_spent_to_date_cents >= 0),
        evidence_attachment_ids uuid[] NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL REFERENCES account (id),
        FOREIGN KEY (agreement_id, milestone_number) REFERENCES agreement_milestone (agreement_id, number)
      )`);
    await db.query(`
      CREATE TABLE milestone_report_review (
        report_id uuid PRIMARY KEY REFERENCES milestone_report (id),
        outcome text NOT NULL CHECK (outcome IN ('ACCEPTED', 'RETURNED')),
        comments text CHECK (length(comments) <= 4000),
        reviewer_account_id uuid NOT NULL REFERENCES account (id),
        reviewed_at timestamptz NOT NULL,
        CHECK (outcome = 'ACCEPTED' OR (comments IS NOT NULL AND length(comments) >= 1))
      )`);
    await db.query(`
      CREATE TABLE payment_order (
        id uuid PRIMARY KEY,
        number bigserial UNIQUE,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        tranche_number smallint NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL CHECK (status IN ('ISSUED', 'PAID', 'RETURNED')),
        issued_at timestamptz NOT NULL,
        issued_by uuid NOT NULL REFERENCES account (id),
        disbursement_key text NOT NULL UNIQUE REFERENCES ledger_command (idempotency_key),
        -- The client's Idempotency-Key: one release per key, whatever tranche a retry names.
        request_key text NOT NULL UNIQUE,
        settled_at timestamptz,
        settled_by uuid REFERENCES account (id),
        settlement_reference text CHECK (length(settlement_reference) <= 200),
        return_reason text CHECK (length(return_reason) <= 4000),
        reversal_key text UNIQUE REFERENCES ledger_command (idempotency_key),
        FOREIGN KEY (agreement_id, tranche_number) REFERENCES agreement_tranche (agreement_id, number),
        CHECK ((status = 'ISSUED') = (settled_at IS NULL)),
        CHECK ((status = 'RETURNED') = (reversal_key IS NOT NULL))
      )`);
    await db.query('CREATE INDEX payment_order_status_idx ON payment_order (status, issued_at)');
    await db.query(`
      CREATE TABLE agreement_amendment (
        id uuid PRIMARY KEY,
        agreement_id uuid NOT NULL REFERENCES agreement (id),
        kind text NOT NULL CHECK (kind IN ('REDUCTION', 'TERMINATION')),
        previous_amount_cents bigint NOT NULL,
        new_amount_cents bigint NOT NULL CHECK (new_amount_cents >= 0),
        released_cents bigint NOT NULL CHECK (released_cents >= 0),
        receivable_cents bigint NOT NULL CHECK (receivable_cents >= 0),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
        request_key text NOT NULL,
        amended_by uuid NOT NULL REFERENCES account (id),
        amended_at timestamptz NOT NULL,
        UNIQUE (agreement_id, request_key)
      )`);
    for (const table of ['milestone_report', 'milestone_report_review', 'agreement_amendment']) {
      await db.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()`);
    }
    for (const table of ['agreement', 'agreement_tranche', 'agreement_milestone', 'milestone_report', 'milestone_report_review', 'payment_order', 'agreement_amendment']) {
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION review_declaration_refuse_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['agreement_amendment', 'payment_order', 'milestone_report_review', 'milestone_report', 'agreement_milestone', 'agreement_tranche', 'agreement', 'agreement_settings']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query('DROP FUNCTION agreement_bps_sum(integer[])');
    await db.query("DELETE FROM application_attachment WHERE category = 'MILESTONE_EVIDENCE'");
    await db.query('ALTER TABLE application_attachment DROP CONSTRAINT application_attachment_category_check');
    await db.query("ALTER TABLE application_attachment ADD CONSTRAINT application_attachment_category_check CHECK (category IN ('CO_INVESTMENT_EVIDENCE', 'FINANCIAL_STATEMENTS', 'PROJECT_PLAN', 'OTHER'))");
  }
}
