import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: append-only, each row chained to the previous one by SHA-256.
 * - The chain is computed by a trigger, under a lock on the single chain-head row, so every
 *   writer goes through it and the chain order is the commit order (chain_position).
 * - UPDATE, DELETE and TRUNCATE are refused by triggers, for every role, the owner included;
 *   privileges are revoked from PUBLIC as well.
 * - audit_event_digest() is the one definition of what a hash covers; verification uses it too.
 */
export class CreateAuditTrail1764000000005 implements MigrationInterface {
  name = 'CreateAuditTrail1764000000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY,
        chain_position bigint NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_account_id uuid,
        actor_label text NOT NULL CHECK (length(actor_label) <= 320),
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]{1,79}$'),
        object_type text CHECK (object_type ~ '^[a-z][a-z0-9_-]{1,59}$'),
        object_id text CHECK (length(object_id) <= 200),
        outcome text NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
        client_address text CHECK (length(client_address) <= 64),
        correlation_id text CHECK (length(correlation_id) <= 128),
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        previous_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await db.query('CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at DESC)');
    await db.query('CREATE INDEX audit_event_actor_idx ON audit_event (actor_account_id, occurred_at DESC)');
    await db.query('CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id, occurred_at DESC)');
    await db.query('CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at DESC)');
    await db.query(`
      CREATE TABLE audit_chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL,
        hash text NOT NULL
      )`);
    // The chain starts from a fixed genesis value: 64 zeros.
    await db.query(`INSERT INTO audit_chain_head (position, hash) VALUES (0, repeat('0', 64))`);
    await db.query(`
      CREATE FUNCTION audit_event_digest(e audit_event) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          e.id::text, e.chain_position::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.actor_account_id::text, ''), e.actor_label, e.action, coalesce(e.object_type, ''),
          coalesce(e.object_id, ''), e.outcome, coalesce(e.client_address, ''), coalesce(e.correlation_id, ''),
          e.details::text, e.previous_hash), 'UTF8')), 'hex')
      $$`);
    await db.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE head audit_chain_head;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE singleton FOR UPDATE;
        NEW.chain_position := head.position + 1;
        NEW.previous_hash := head.hash;
        NEW.hash := audit_event_digest(NEW);
        UPDATE audit_chain_head SET position = NEW.chain_position, hash = NEW.hash WHERE singleton;
        RETURN NEW;
      END
      $$`);
    await db.query('CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()');
    await db.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query('CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()');
    await db.query('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()');
    await db.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC');
    // The head moves only through the chaining trigger.
    await db.query(`
      CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'audit_chain_head moves only when an audit event is inserted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await db.query('CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard()');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER audit_chain_head_guard ON audit_chain_head');
    await db.query('DROP TRIGGER audit_event_no_truncate ON audit_event');
    await db.query('DROP TRIGGER audit_event_no_update_delete ON audit_event');
    await db.query('DROP TRIGGER audit_event_chain ON audit_event');
    await db.query('DROP FUNCTION audit_chain_head_guard()');
    await db.query('DROP FUNCTION audit_event_refuse_change()');
    await db.query('DROP FUNCTION audit_event_chain()');
    await db.query('DROP FUNCTION audit_event_digest(audit_event)');
    await db.query('DROP TABLE audit_chain_head');
    await db.query('DROP TABLE audit_event');
  }
}
