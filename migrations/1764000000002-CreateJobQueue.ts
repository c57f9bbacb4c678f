import { MigrationInterface, QueryRunner } from 'typeorm';

export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * The pg-boss job queue's tables, installed here so the schema changes only through
 * migrations and the application's role needs no CREATE privilege. pg-boss still applies
 * its own upgrades at start when a newer version of the package is installed.
 */
export class CreateJobQueue1764000000002 implements MigrationInterface {
  name = 'CreateJobQueue1764000000002';

  async up(db: QueryRunner): Promise<void> {
    const { getConstructionPlans } = await import('pg-boss');
    await db.query(getConstructionPlans(JOB_QUEUE_SCHEMA));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA ${JOB_QUEUE_SCHEMA} CASCADE`);
  }
}
