import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conflict-of-interest declarations and screening confirmations (fund-rules.md §4, §6): a reviewer or approver declares no
 * conflict, or recuses, before a file's details open. Append-only: a later declaration (a
 * recusal after "no conflict") is a new row, and the latest counts.
 */
export class CreateReviewDeclarations1764000000010 implements MigrationInterface {
  name = 'CreateReviewDeclarations1764000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE review_declaration (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        account_id uuid NOT NULL REFERENCES account (id),
        kind text NOT NULL CHECK (kind IN ('NO_CONFLICT', 'RECUSED')),
        statement text CHECK (length(statement) <= 2000),
        declared_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX review_declaration_latest_idx ON review_declaration (application_id, account_id, id DESC)');
    await db.query(`
      CREATE FUNCTION review_declaration_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'review_declaration is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query('CREATE TRIGGER review_declaration_no_update_delete BEFORE UPDATE OR DELETE ON review_declaration FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');
    // A person confirms or overturns each automated screening, with a reason the applicant reads.
    await db.query(`
      CREATE TABLE screening_confirmation (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        screening_id uuid NOT NULL UNIQUE REFERENCES screening (id),
        reviewer_account_id uuid NOT NULL REFERENCES account (id),
        automated_outcome text NOT NULL CHECK (automated_outcome IN ('ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW')),
        confirmed_outcome text NOT NULL CHECK (confirmed_outcome IN ('ELIGIBLE', 'INELIGIBLE')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
        confirmed_at timestamptz NOT NULL
      )`);
    await db.query('CREATE TRIGGER screening_confirmation_no_update_delete BEFORE UPDATE OR DELETE ON screening_confirmation FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE screening_confirmation');
    await db.query('DROP TABLE review_declaration');
    await db.query('DROP FUNCTION review_declaration_refuse_change()');
  }
}
