import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets per target region and period, beside the program-wide ones of `roadmap_target`
 * (fund-rules.md §1: the roadmap sets program-wide figures only; an administrator sets the
 * regions' shares). And the index the rollout dashboard reads balances by grant through.
 */
export class CreateRegionalTargets1764000000016 implements MigrationInterface {
  name = 'CreateRegionalTargets1764000000016';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE regional_target (
        program_code text NOT NULL,
        period_code text NOT NULL,
        region_code char(2) NOT NULL REFERENCES region (code),
        smes_funded integer CHECK (smes_funded >= 0),
        ai_jobs integer CHECK (ai_jobs >= 0),
        PRIMARY KEY (program_code, period_code, region_code),
        FOREIGN KEY (program_code, period_code) REFERENCES roadmap_target (program_code, period_code) ON UPDATE CASCADE ON DELETE CASCADE,
        FOREIGN KEY (program_code, region_code) REFERENCES program_target_region (program_code, region_code) ON UPDATE CASCADE ON DELETE CASCADE,
        CONSTRAINT regional_target_has_a_figure CHECK (smes_funded IS NOT NULL OR ai_jobs IS NOT NULL)
      )`);
    await db.query('CREATE INDEX ledger_account_grant_idx ON ledger_account (grant_id) WHERE grant_id IS NOT NULL');
    await db.query('CREATE INDEX decision_approved_idx ON decision (decided_at) WHERE outcome = \'APPROVED\'');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX decision_approved_idx');
    await db.query('DROP INDEX ledger_account_grant_idx');
    await db.query('DROP TABLE regional_target');
  }
}
