import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private spending reported on a milestone stays within what cents can carry through the
 * application (a safe integer) and far above any real project: 10 G$, the bound the API's
 * amounts already have. A larger figure stored once would make every read of the agreement
 * fail, and reports are append-only.
 */
export class BoundReportedSpending1764000000015 implements MigrationInterface {
  name = 'BoundReportedSpending1764000000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE milestone_report ADD CONSTRAINT milestone_report_private_spent_bound CHECK (private_spent_to_date_cents <= 1000000000000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE milestone_report DROP CONSTRAINT milestone_report_private_spent_bound');
  }
}
