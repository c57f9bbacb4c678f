import { MigrationInterface, QueryRunner } from 'typeorm';

const CRITERIA: [string, string, string, number][] = [
  ['AI_INNOVATION', 'Innovation en IA', 'AI innovation', 20],
  ['TECHNICAL_FEASIBILITY', 'Faisabilité technique', 'Technical feasibility', 20],
  ['TEAM_CAPACITY', 'Capacité de l’équipe', 'Team capacity', 20],
  ['ECONOMIC_IMPACT_AND_JOBS', 'Retombées économiques et emplois', 'Economic impact and jobs', 25],
  ['RESPONSIBLE_AI_AND_DATA', 'IA responsable et données', 'Responsible AI and data', 15],
];

/**
 * The review grid as settings (fund-rules.md §6 defaults: five criteria, weights 20/20/20/25/15,
 * a third review when two differ by more than 20 points) and the reviews themselves, one per
 * reviewer and file, append-only.
 */
export class CreateReviews1764000000011 implements MigrationInterface {
  name = 'CreateReviews1764000000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE review_settings (
        program_code text PRIMARY KEY REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        divergence_points integer NOT NULL CHECK (divergence_points BETWEEN 1 AND 100)
      )`);
    await db.query("INSERT INTO review_settings (program_code, divergence_points) VALUES ('FA-2026', 20)");
    await db.query(`
      CREATE TABLE review_criterion (
        program_code text NOT NULL REFERENCES program (code) ON UPDATE CASCADE ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        label_fr text NOT NULL,
        label_en text NOT NULL,
        weight smallint NOT NULL CHECK (weight >= 0),
        position smallint NOT NULL,
        PRIMARY KEY (program_code, code)
      )`);
    for (const [index, [code, fr, en, weight]] of CRITERIA.entries()) {
      await db.query('INSERT INTO review_criterion (program_code, code, label_fr, label_en, weight, position) VALUES ($1, $2, $3, $4, $5, $6)', ['FA-2026', code, fr, en, weight, index + 1]);
    }
    await db.query(`
      CREATE TABLE review (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        reviewer_account_id uuid NOT NULL REFERENCES account (id),
        scores jsonb NOT NULL,
        comments jsonb NOT NULL,
        criteria jsonb NOT NULL,
        total_tenths integer NOT NULL CHECK (total_tenths BETWEEN 0 AND 1000),
        submitted_at timestamptz NOT NULL,
        UNIQUE (application_id, reviewer_account_id)
      )`);
    await db.query('CREATE TRIGGER review_no_update_delete BEFORE UPDATE OR DELETE ON review FOR EACH ROW EXECUTE FUNCTION review_declaration_refuse_change()');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['review', 'review_criterion', 'review_settings']) await db.query(`DROP TABLE ${table}`);
  }
}
