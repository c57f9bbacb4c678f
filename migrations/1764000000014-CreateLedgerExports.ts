import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1764000000009-CreateLedger';

/**
 * Manifests of the auditors' exports (ledger and audit trail): what was exported (filters,
 * format, row count, totals per account), the SHA-256 of the file's bytes, and the chain head
 * the snapshot ended at. A row is written once the whole file has been produced; append-only
 * for every role, like the journal it describes.
 */
export class CreateLedgerExports1764000000014 implements MigrationInterface {
  name = 'CreateLedgerExports1764000000014';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE export_manifest (
        id uuid PRIMARY KEY,
        subject text NOT NULL CHECK (subject IN ('LEDGER', 'AUDIT_TRAIL')),
        format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'jsonl')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        filters jsonb NOT NULL,
        row_count bigint NOT NULL CHECK (row_count >= 0),
        account_totals jsonb,
        byte_count bigint NOT NULL CHECK (byte_count >= 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        chain_position bigint NOT NULL CHECK (chain_position >= 0),
        chain_head_hash char(64) NOT NULL,
        generated_at timestamptz NOT NULL,
        completed_at timestamptz NOT NULL,
        requested_by_account_id uuid,
        requested_by_label text NOT NULL CHECK (length(requested_by_label) BETWEEN 1 AND 320),
        CONSTRAINT export_manifest_totals_for_ledger CHECK ((subject = 'LEDGER') = (account_totals IS NOT NULL))
      )`);
    await db.query('CREATE INDEX export_manifest_completed_idx ON export_manifest (subject, completed_at DESC)');
    await db.query(`
      CREATE FUNCTION export_manifest_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'export_manifest is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query('CREATE TRIGGER export_manifest_no_update_delete BEFORE UPDATE OR DELETE ON export_manifest FOR EACH ROW EXECUTE FUNCTION export_manifest_refuse_change()');
    await db.query('CREATE TRIGGER export_manifest_no_truncate BEFORE TRUNCATE ON export_manifest FOR EACH STATEMENT EXECUTE FUNCTION export_manifest_refuse_change()');
    await db.query('REVOKE ALL ON export_manifest FROM PUBLIC');
    await db.query(`GRANT SELECT, INSERT ON export_manifest TO ${APPLICATION_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE export_manifest');
    await db.query('DROP FUNCTION export_manifest_refuse_change()');
  }
}
