import { MigrationInterface, QueryRunner } from 'typeorm';

/** The fund's reference tables (fund-rules.md §1–3): settings an administrator changes later. */
export class CreateProgramReference1764000000000 implements MigrationInterface {
  name = 'CreateProgramReference1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE region (
        code char(2) PRIMARY KEY CHECK (code ~ '^(0[1-9]|1[0-7])$'),
        name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 120),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120)
      )`);
    await db.query(`
      CREATE TABLE program (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{3,20}$'),
        name_fr text NOT NULL,
        name_en text NOT NULL,
        short_name_fr text NOT NULL,
        short_name_en text NOT NULL,
        operator_name text NOT NULL,
        currency char(3) NOT NULL DEFAULT 'CAD' CHECK (currency = 'CAD'),
        envelope_cents bigint NOT NULL CHECK (envelope_cents > 0),
        grant_ceiling_cents bigint NOT NULL CHECK (grant_ceiling_cents > 0),
        co_investment_ratio_bps integer NOT NULL CHECK (co_investment_ratio_bps > 0),
        roadmap_start_date date NOT NULL,
        launch_date date NOT NULL,
        intake_opens_on date NOT NULL,
        intake_closes_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT program_ceiling_within_envelope CHECK (grant_ceiling_cents <= envelope_cents),
        CONSTRAINT program_intake_dates_ordered CHECK (intake_closes_on IS NULL OR intake_closes_on >= intake_opens_on)
      )`);
    await db.query(`
      CREATE TABLE program_wave (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        wave_number smallint NOT NULL CHECK (wave_number > 0),
        name_fr text NOT NULL,
        name_en text NOT NULL,
        opens_on date NOT NULL,
        PRIMARY KEY (program_code, wave_number)
      )`);
    await db.query(`
      CREATE TABLE program_target_region (
        program_code text NOT NULL,
        region_code char(2) NOT NULL REFERENCES region (code),
        wave_number smallint NOT NULL,
        PRIMARY KEY (program_code, region_code),
        FOREIGN KEY (program_code, wave_number) REFERENCES program_wave (program_code, wave_number)
          ON UPDATE CASCADE ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE priority_sector (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        label_fr text NOT NULL,
        label_en text NOT NULL,
        display_order smallint NOT NULL,
        PRIMARY KEY (program_code, code)
      )`);
    await db.query(`
      CREATE TABLE priority_sector_naics_prefix (
        program_code text NOT NULL,
        sector_code text NOT NULL,
        prefix text NOT NULL CHECK (prefix ~ '^[0-9]{2,6}$'),
        PRIMARY KEY (program_code, sector_code, prefix),
        FOREIGN KEY (program_code, sector_code) REFERENCES priority_sector (program_code, code)
          ON UPDATE CASCADE ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE flagship_use_case (
        program_code text NOT NULL,
        sector_code text NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        label_fr text NOT NULL,
        label_en text NOT NULL,
        display_order smallint NOT NULL,
        PRIMARY KEY (program_code, code),
        FOREIGN KEY (program_code, sector_code) REFERENCES priority_sector (program_code, code)
          ON UPDATE CASCADE ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE ai_supplier_naics_prefix (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        prefix text NOT NULL CHECK (prefix ~ '^[0-9]{2,6}$'),
        PRIMARY KEY (program_code, prefix)
      )`);
    await db.query(`
      CREATE TABLE roadmap_target (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        period_code text NOT NULL CHECK (period_code ~ '^[A-Z0-9_]{2,20}$'),
        label_fr text NOT NULL,
        label_en text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        smes_funded integer CHECK (smes_funded >= 0),
        ai_jobs integer CHECK (ai_jobs >= 0),
        PRIMARY KEY (program_code, period_code),
        CONSTRAINT roadmap_target_period_ordered CHECK (ends_on > starts_on),
        CONSTRAINT roadmap_target_has_a_figure CHECK (smes_funded IS NOT NULL OR ai_jobs IS NOT NULL)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'roadmap_target',
      'ai_supplier_naics_prefix',
      'flagship_use_case',
      'priority_sector_naics_prefix',
      'priority_sector',
      'program_target_region',
      'program_wave',
      'program',
      'region',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
