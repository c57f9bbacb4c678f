import { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = [
  'DRAFT', 'SUBMITTED', 'SCREENED', 'IN_REVIEW', 'RECOMMENDED', 'APPROVED', 'DECLINED',
  'AGREEMENT_SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED', 'CHANGES_REQUESTED', 'WITHDRAWN',
];
const STATE_CHECK = STATES.map((state) => `'${state}'`).join(', ');

/**
 * SME intake (issue 4): screening settings of the program, organization profiles, applications
 * with their budget lines and milestones, attachments, the frozen copy of each submission, the
 * stored automated screenings and the applicant's requests for a human re-examination.
 */
export class CreateIntake1764000000008 implements MigrationInterface {
  name = 'CreateIntake1764000000008';

  async up(db: QueryRunner): Promise<void> {
    await this.createScreeningSettings(db);
    await this.createOrganizationProfile(db);
    await this.createApplication(db);
    await this.createApplicationParts(db);
    await this.createSubmissionsAndScreenings(db);
  }

  private async createScreeningSettings(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE screening_settings (
        program_code text PRIMARY KEY REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        rule_set_version text NOT NULL CHECK (rule_set_version ~ '^[0-9]{4}\\.[0-9]+$'),
        sme_min_employees integer NOT NULL CHECK (sme_min_employees >= 1),
        sme_max_employees integer NOT NULL,
        leverage_cap_bps integer NOT NULL CHECK (leverage_cap_bps > 0),
        full_score_jobs_per_100k_hundredths integer NOT NULL CHECK (full_score_jobs_per_100k_hundredths > 0),
        full_score_duration_months integer NOT NULL CHECK (full_score_duration_months > 0),
        weight_leverage smallint NOT NULL CHECK (weight_leverage >= 0),
        weight_jobs smallint NOT NULL CHECK (weight_jobs >= 0),
        weight_use_case_fit smallint NOT NULL CHECK (weight_use_case_fit >= 0),
        weight_readiness smallint NOT NULL CHECK (weight_readiness >= 0),
        weight_region_wave smallint NOT NULL CHECK (weight_region_wave >= 0),
        weight_duration smallint NOT NULL CHECK (weight_duration >= 0),
        attachment_max_bytes integer NOT NULL CHECK (attachment_max_bytes BETWEEN 1024 AND 104857600),
        attachment_max_count integer NOT NULL CHECK (attachment_max_count BETWEEN 1 AND 200),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT screening_settings_employees_ordered CHECK (sme_max_employees >= sme_min_employees),
        CONSTRAINT screening_settings_weights_sum_to_100 CHECK (
          weight_leverage + weight_jobs + weight_use_case_fit + weight_readiness + weight_region_wave + weight_duration = 100)
      )`);
    // fund-rules.md §4–5 defaults: SME 1–499 employees; weights 25/25/15/15/10/10; leverage capped at 3;
    // 3 AI jobs per 100 000 $ (the roadmap's 450 jobs for 15 M$) earn the full job points; 12 months.
    await db.query(`
      INSERT INTO screening_settings (program_code, rule_set_version, sme_min_employees, sme_max_employees, leverage_cap_bps,
        full_score_jobs_per_100k_hundredths, full_score_duration_months, weight_leverage, weight_jobs, weight_use_case_fit,
        weight_readiness, weight_region_wave, weight_duration, attachment_max_bytes, attachment_max_count)
      VALUES ('FA-2026', '2026.1', 1, 499, 30000, 300, 12, 25, 25, 15, 15, 10, 10, 10485760, 20)`);
  }

  private async createOrganizationProfile(db: QueryRunner): Promise<void> {
    // Filled progressively; completeness is checked at submission, not by NOT NULL.
    await db.query(`
      CREATE TABLE organization_profile (
        organization_id uuid PRIMARY KEY REFERENCES organization (id) ON DELETE CASCADE,
        street_address text CHECK (length(street_address) <= 300),
        city text CHECK (length(city) <= 120),
        postal_code text CHECK (postal_code ~ '^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$'),
        region_code char(2) REFERENCES region (code),
        naics_code text CHECK (naics_code ~ '^[0-9]{2,6}$'),
        employees integer CHECK (employees BETWEEN 0 AND 1000000),
        annual_revenue_cents bigint CHECK (annual_revenue_cents >= 0),
        ai_role text CHECK (ai_role IN ('ADOPTER', 'SUPPLIER')),
        client_sector_code text CHECK (client_sector_code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  private async createApplication(db: QueryRunner): Promise<void> {
    await db.query('CREATE SEQUENCE application_tracking_seq');
    await db.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY,
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization (id),
        tracking_number text UNIQUE CHECK (tracking_number ~ '^[A-Z0-9-]{3,20}-[0-9]{6,}$'),
        status text NOT NULL CHECK (status IN (${STATE_CHECK})),
        title text CHECK (length(title) <= 200),
        description text CHECK (length(description) <= 10000),
        sector_code text CHECK (sector_code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        use_case_code text CHECK (use_case_code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        ai_approach text CHECK (length(ai_approach) <= 5000),
        data_available boolean,
        data_description text CHECK (length(data_description) <= 5000),
        ml_staff_in_place boolean,
        research_partners text[] NOT NULL DEFAULT '{}' CHECK (cardinality(research_partners) <= 10),
        total_project_cost_cents bigint CHECK (total_project_cost_cents >= 0),
        amount_requested_cents bigint CHECK (amount_requested_cents >= 0),
        other_public_funding_cents bigint CHECK (other_public_funding_cents >= 0),
        ai_jobs_planned integer CHECK (ai_jobs_planned BETWEEN 0 AND 100000),
        declares_accuracy boolean NOT NULL DEFAULT false,
        consents_to_processing boolean NOT NULL DEFAULT false,
        acknowledges_automated_screening boolean NOT NULL DEFAULT false,
        revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
        created_by uuid NOT NULL REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        CONSTRAINT application_submitted_has_number CHECK (status IN ('DRAFT', 'WITHDRAWN') OR tracking_number IS NOT NULL)
      )`);
    await db.query('CREATE INDEX application_organization_idx ON application (organization_id, status)');
    await db.query('CREATE INDEX application_status_idx ON application (status, submitted_at)');
  }

  private async createApplicationParts(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE application_attachment (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        category text NOT NULL CHECK (category IN ('CO_INVESTMENT_EVIDENCE', 'FINANCIAL_STATEMENTS', 'PROJECT_PLAN', 'OTHER')),
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES account (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX application_attachment_application_idx ON application_attachment (application_id)');
    await db.query(`
      CREATE TABLE application_co_investment (
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
        source_name text NOT NULL CHECK (length(source_name) BETWEEN 1 AND 200),
        source_type text NOT NULL CHECK (source_type IN ('OWN_FUNDS', 'BANK_LOAN', 'PRIVATE_INVESTOR', 'CLIENT_CONTRIBUTION', 'OTHER_PRIVATE')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        evidence_attachment_id uuid REFERENCES application_attachment (id) ON DELETE SET NULL,
        PRIMARY KEY (application_id, position)
      )`);
    await db.query(`
      CREATE TABLE application_milestone (
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 12),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        due_on date NOT NULL,
        PRIMARY KEY (application_id, position)
      )`);
    await db.query(`
      CREATE TABLE application_event (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        from_status text CHECK (from_status IN (${STATE_CHECK})),
        to_status text NOT NULL CHECK (to_status IN (${STATE_CHECK})),
        actor_account_id uuid REFERENCES account (id),
        reason text CHECK (length(reason) <= 4000)
      )`);
    await db.query('CREATE INDEX application_event_application_idx ON application_event (application_id, id)');
  }

  private async createSubmissionsAndScreenings(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE application_submission (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        sequence smallint NOT NULL CHECK (sequence > 0),
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL REFERENCES account (id),
        content jsonb NOT NULL,
        UNIQUE (application_id, sequence)
      )`);
    await db.query(`
      CREATE TABLE screening (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        submission_id uuid NOT NULL UNIQUE REFERENCES application_submission (id),
        rule_set_version text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW')),
        score_tenths integer NOT NULL CHECK (score_tenths BETWEEN 0 AND 1000),
        inputs jsonb NOT NULL,
        settings jsonb NOT NULL,
        results jsonb NOT NULL,
        score_factors jsonb NOT NULL,
        deciding_rules text[] NOT NULL,
        screened_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX screening_application_idx ON screening (application_id, screened_at)');
    await db.query(`
      CREATE TABLE reexamination_request (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        screening_id uuid NOT NULL REFERENCES screening (id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
        requested_by uuid NOT NULL REFERENCES account (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (screening_id)
      )`);
    // What was submitted and how the machine screened it are records: never edited afterwards.
    await db.query(`
      CREATE FUNCTION intake_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['application_submission', 'screening', 'application_event']) {
      await db.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION intake_record_refuse_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'reexamination_request', 'screening', 'application_submission', 'application_event', 'application_milestone',
      'application_co_investment', 'application_attachment', 'application', 'organization_profile', 'screening_settings',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query('DROP FUNCTION intake_record_refuse_change()');
    await db.query('DROP SEQUENCE application_tracking_seq');
  }
}
