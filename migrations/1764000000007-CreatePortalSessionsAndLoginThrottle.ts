import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portal sessions (the table connect-pg-simple reads and writes, created here rather than by
 * the store) and the failed sign-in counters shared by every server process.
 */
export class CreatePortalSessionsAndLoginThrottle1764000000007 implements MigrationInterface {
  name = 'CreatePortalSessionsAndLoginThrottle1764000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE portal_session (
        sid varchar PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await db.query('CREATE INDEX portal_session_expire_idx ON portal_session (expire)');
    // Ending every session of an account (password change, disabling) looks sessions up by account.
    await db.query("CREATE INDEX portal_session_account_idx ON portal_session ((sess->>'accountId'))");
    await db.query(`
      CREATE TABLE login_throttle (
        scope text NOT NULL CHECK (scope IN ('account', 'address')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 320),
        failures integer NOT NULL CHECK (failures > 0),
        window_start timestamptz NOT NULL,
        locked_until timestamptz,
        PRIMARY KEY (scope, subject)
      )`);
    await db.query('CREATE INDEX login_throttle_window_idx ON login_throttle (window_start)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE login_throttle');
    await db.query('DROP TABLE portal_session');
  }
}
