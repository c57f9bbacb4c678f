import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Program administration (fund-rules.md §1–5, issue 7): every change of a program's settings is
 * a new version, kept whole with who made it, when and why (append-only). The program row
 * carries the number of the version in force; a screening and a decision record the version
 * they read, so a later change never rewrites what they used (they also keep the figures).
 */
export class CreateProgramSettingsVersions1764000000017 implements MigrationInterface {
  name = 'CreateProgramSettingsVersions1764000000017';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE program ADD COLUMN settings_version integer NOT NULL DEFAULT 1 CHECK (settings_version > 0)');
    await db.query(`
      CREATE TABLE program_settings_version (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        settings jsonb NOT NULL,
        changed_by uuid REFERENCES account (id),
        changed_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        PRIMARY KEY (program_code, version)
      )`);
    await db.query(`
      CREATE FUNCTION program_settings_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'program_settings_version is append-only: a change of settings is a new version' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query('CREATE TRIGGER program_settings_version_no_update_delete BEFORE UPDATE OR DELETE ON program_settings_version FOR EACH ROW EXECUTE FUNCTION program_settings_version_refuse_change()');
    await db.query('CREATE TRIGGER program_settings_version_no_truncate BEFORE TRUNCATE ON program_settings_version FOR EACH STATEMENT EXECUTE FUNCTION program_settings_version_refuse_change()');
    for (const table of ['screening', 'decision']) {
      // Rows written before versioning read version 1, the only one there was.
      await db.query(`ALTER TABLE ${table} ADD COLUMN settings_version integer NOT NULL DEFAULT 1 CHECK (settings_version > 0)`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN settings_version DROP DEFAULT`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['decision', 'screening']) await db.query(`ALTER TABLE ${table} DROP COLUMN settings_version`);
    await db.query('DROP TABLE program_settings_version');
    await db.query('DROP FUNCTION program_settings_version_refuse_change()');
    await db.query('ALTER TABLE program DROP COLUMN settings_version');
  }
}
