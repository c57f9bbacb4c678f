import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the application's database login should belong to in production (see README). */
export const APPLICATION_ROLE = 'fa_application';

const ENTRY_TYPES = ['ENVELOPE_FUNDING', 'COMMITMENT', 'COMMITMENT_RELEASE', 'DISBURSEMENT', 'DISBURSEMENT_REVERSAL', 'RECEIVABLE', 'RECOVERY'];

/**
 * The envelope ledger (fund-rules.md §8, reliability.md 1–4): accounts with their balances, a
 * double-entry journal chained by SHA-256 and append-only for every role, and one record per
 * idempotency key with the outcome it had (refusals included). The FA-2026 envelope is funded
 * by the first entry, from the program's settings.
 */
export class CreateLedger1764000000009 implements MigrationInterface {
  name = 'CreateLedger1764000000009';

  async up(db: QueryRunner): Promise<void> {
    await this.createTables(db);
    await this.createChain(db);
    await this.createBalances(db);
    await this.protect(db);
    await this.fundEnvelope(db);
  }

  private async createTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_account (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z_]+:[A-Za-z0-9-]+$'),
        kind text NOT NULL CHECK (kind IN ('ENVELOPE_FUNDING', 'ENVELOPE_AVAILABLE', 'COMMITTED', 'DISBURSED', 'RECEIVABLE', 'RECOVERED')),
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE,
        grant_id uuid,
        balance_cents bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_account_grant_scope CHECK ((kind IN ('COMMITTED', 'DISBURSED', 'RECEIVABLE')) = (grant_id IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE ledger_command (
        idempotency_key text PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 8 AND 200),
        request_hash char(64) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('POSTED', 'REFUSED')),
        refusal_code text,
        refusal_details jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_command_refusal_has_code CHECK ((outcome = 'REFUSED') = (refusal_code IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE ledger_entry (
        id uuid PRIMARY KEY,
        position bigint NOT NULL UNIQUE,
        idempotency_key text NOT NULL UNIQUE REFERENCES ledger_command (idempotency_key),
        entry_type text NOT NULL CHECK (entry_type IN (${ENTRY_TYPES.map((type) => `'${type}'`).join(', ')})),
        amount_cents bigint NOT NULL,
        debit_account text NOT NULL REFERENCES ledger_account (code),
        credit_account text NOT NULL REFERENCES ledger_account (code),
        grant_id uuid,
        region_code char(2) REFERENCES region (code),
        sector_code text,
        actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        occurred_at timestamptz NOT NULL,
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT ledger_entry_double_entry CHECK (amount_cents > 0 AND debit_account <> credit_account)
      )`);
    await db.query('CREATE INDEX ledger_entry_grant_idx ON ledger_entry (grant_id, position)');
    await db.query('CREATE INDEX ledger_entry_occurred_idx ON ledger_entry (occurred_at, position)');
  }

  private async createChain(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL,
        hash char(64) NOT NULL
      )`);
    await db.query(`INSERT INTO ledger_chain_head (position, hash) VALUES (0, repeat('0', 64))`);
    // The one definition of what an entry's hash covers; verification recomputes it.
    await db.query(`
      CREATE FUNCTION ledger_entry_digest(e ledger_entry) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          e.id::text, e.position::text, e.idempotency_key, e.entry_type, e.amount_cents::text, e.debit_account, e.credit_account,
          coalesce(e.grant_id::text, ''), coalesce(e.region_code, ''), coalesce(e.sector_code, ''), e.actor, e.reason,
          to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.previous_hash), 'UTF8')), 'hex')
      $$`);
    // SECURITY DEFINER: the application role inserts entries but cannot move the head itself.
    await db.query(`
      CREATE FUNCTION ledger_entry_chain() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE head ledger_chain_head;
      BEGIN
        SELECT * INTO head FROM ledger_chain_head WHERE singleton FOR UPDATE;
        NEW.position := head.position + 1;
        NEW.previous_hash := head.hash;
        NEW.hash := ledger_entry_digest(NEW);
        UPDATE ledger_chain_head SET position = NEW.position, hash = NEW.hash WHERE singleton;
        RETURN NEW;
      END
      $$`);
    await db.query('CREATE TRIGGER ledger_entry_chain BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_chain()');
  }

  private async createBalances(db: QueryRunner): Promise<void> {
    // Balances are debits minus credits, kept by the journal itself: no code path can forget one side.
    await db.query(`
      CREATE FUNCTION ledger_entry_apply() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE ledger_account SET balance_cents = balance_cents + NEW.amount_cents WHERE code = NEW.debit_account;
        UPDATE ledger_account SET balance_cents = balance_cents - NEW.amount_cents WHERE code = NEW.credit_account;
        RETURN NEW;
      END
      $$`);
    await db.query('CREATE TRIGGER ledger_entry_apply AFTER INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_apply()');
  }

  private async protect(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['ledger_entry', 'ledger_command']) {
      await db.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }
    // Balances and the chain head move only through the journal's triggers.
    await db.query(`
      CREATE FUNCTION ledger_derived_guard() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION '% changes only when a ledger entry is inserted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END
      $$`);
    await db.query('CREATE TRIGGER ledger_chain_head_guard BEFORE UPDATE OR DELETE ON ledger_chain_head FOR EACH ROW EXECUTE FUNCTION ledger_derived_guard()');
    await db.query('CREATE TRIGGER ledger_account_guard BEFORE UPDATE OR DELETE ON ledger_account FOR EACH ROW EXECUTE FUNCTION ledger_derived_guard()');
    // The application's role: it reads and appends, nothing else (the triggers hold even for the owner).
    await db.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN CREATE ROLE ${APPLICATION_ROLE} NOLOGIN; END IF;
      END $$`);
    await db.query('REVOKE ALL ON ledger_entry, ledger_command, ledger_account, ledger_chain_head FROM PUBLIC');
    await db.query(`GRANT SELECT, INSERT ON ledger_entry, ledger_command, ledger_account TO ${APPLICATION_ROLE}`);
    await db.query(`GRANT SELECT ON ledger_chain_head TO ${APPLICATION_ROLE}`);
  }

  private async fundEnvelope(db: QueryRunner): Promise<void> {
    await db.query(`
      INSERT INTO ledger_account (code, kind, program_code)
      SELECT kind || ':' || code, kind, code FROM program CROSS JOIN (VALUES ('ENVELOPE_FUNDING'), ('ENVELOPE_AVAILABLE'), ('RECOVERED')) AS k(kind)`);
    await db.query(`
      INSERT INTO ledger_command (idempotency_key, request_hash, outcome)
      SELECT 'envelope-funding:' || code, encode(sha256(convert_to('envelope-funding|' || code || '|' || envelope_cents, 'UTF8')), 'hex'), 'POSTED' FROM program`);
    await db.query(`
      INSERT INTO ledger_entry (id, position, idempotency_key, entry_type, amount_cents, debit_account, credit_account, actor, reason, occurred_at, previous_hash, hash)
      SELECT gen_random_uuid(), 0, 'envelope-funding:' || code, 'ENVELOPE_FUNDING', envelope_cents, 'ENVELOPE_AVAILABLE:' || code,
             'ENVELOPE_FUNDING:' || code, 'system', 'Envelope of the program, from its settings', now(), '', ''
        FROM program ORDER BY code`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The digest function depends on the entry's row type, so it goes before the table.
    await db.query('DROP FUNCTION ledger_entry_digest(ledger_entry)');
    for (const table of ['ledger_entry', 'ledger_command', 'ledger_chain_head', 'ledger_account']) await db.query(`DROP TABLE ${table}`);
    for (const fn of ['ledger_entry_chain()', 'ledger_entry_apply()', 'ledger_refuse_change()', 'ledger_derived_guard()']) {
      await db.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    // The role is cluster-wide and may serve other databases: it stays.
  }
}
