import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional outbox of notifications: a domain change writes its row in the same
 * transaction; the worker delivers it and records the outcome on the row.
 */
export class CreateOutbox1764000000003 implements MigrationInterface {
  name = 'CreateOutbox1764000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9-]{1,79}$'),
        recipient_email text NOT NULL CHECK (length(recipient_email) BETWEEN 3 AND 320),
        recipient_name text CHECK (length(recipient_name) <= 200),
        locale text NOT NULL CHECK (locale IN ('fr', 'en')),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        last_attempt_at timestamptz,
        sent_at timestamptz,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outbox_event_sent_has_time CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
      )`);
    await db.query('CREATE INDEX outbox_event_status_created_idx ON outbox_event (status, created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbox_event');
  }
}
