import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which demo data sets were loaded, so `npm start` loads each one once. */
export class CreateDemoDataLoad1764000000004 implements MigrationInterface {
  name = 'CreateDemoDataLoad1764000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE demo_data_load (
        name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,79}$'),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE demo_data_load');
  }
}
