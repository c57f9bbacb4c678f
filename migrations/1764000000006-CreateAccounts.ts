import { MigrationInterface, QueryRunner } from 'typeorm';

/** People (accounts with one role), SME organizations and their members, single-use tokens. */
export class CreateAccounts1764000000006 implements MigrationInterface {
  name = 'CreateAccounts1764000000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        preferred_locale text NOT NULL CHECK (preferred_locale IN ('fr', 'en')),
        role text NOT NULL CHECK (role IN ('APPLICANT', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR')),
        status text NOT NULL CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE', 'DISABLED')),
        password_hash text,
        email_verified_at timestamptz,
        password_changed_at timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_active_is_verified CHECK (status <> 'ACTIVE' OR email_verified_at IS NOT NULL),
        CONSTRAINT account_disabled_has_time CHECK ((status = 'DISABLED') = (disabled_at IS NOT NULL))
      )`);
    await db.query('CREATE UNIQUE INDEX account_email_key ON account (email)');
    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY,
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
        neq char(10) NOT NULL CHECK (neq ~ '^[0-9]{10}$'),
        created_by uuid NOT NULL REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE UNIQUE INDEX organization_neq_key ON organization (neq)');
    await db.query(`
      CREATE TABLE organization_member (
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account (id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, account_id)
      )`);
    await db.query('CREATE INDEX organization_member_account_idx ON organization_member (account_id)');
    await db.query(`
      CREATE TABLE organization_invitation (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        invited_by uuid NOT NULL REFERENCES account (id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE account_token (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account (id),
        purpose text NOT NULL CHECK (purpose IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET', 'ACCOUNT_SETUP')),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX account_token_account_idx ON account_token (account_id, purpose)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['account_token', 'organization_invitation', 'organization_member', 'organization', 'account']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
