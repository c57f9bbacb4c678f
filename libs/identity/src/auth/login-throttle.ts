import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@fa/shared';

type Scope = 'account' | 'address';

/**
 * Failed sign-ins counted per account and per client address, in PostgreSQL so every server
 * process shares them. After LOGIN_MAX_FAILURES failures within LOGIN_LOCK_MINUTES, that
 * account (or address) is locked for LOGIN_LOCK_MINUTES.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds until the account or the address may try again, or 0 when neither is locked. */
  async secondsLocked(email: string, address: string | null): Promise<number> {
    const now = this.clock.now();
    const rows = (await this.dataSource.query(
      `SELECT max(locked_until) AS until FROM login_throttle
        WHERE ((scope = 'account' AND subject = $1) OR (scope = 'address' AND subject = $2)) AND locked_until > $3`,
      [email, address ?? '', now],
    )) as { until: Date | null }[];
    const until = rows[0]?.until;
    return until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
  }

  async recordFailure(email: string, address: string | null): Promise<void> {
    await this.count('account', email);
    if (address) await this.count('address', address);
  }

  /** A successful sign-in clears the account's count (not the address's: one good password must not unlock guessing). */
  async clear(email: string): Promise<void> {
    await this.dataSource.query("DELETE FROM login_throttle WHERE scope = 'account' AND subject = $1", [email]);
  }

  private async count(scope: Scope, subject: string): Promise<void> {
    const windowSeconds = this.config.LOGIN_LOCK_MINUTES * 60;
    // One statement: concurrent failures on several server processes all count.
    await this.dataSource.query(
      `INSERT INTO login_throttle AS t (scope, subject, failures, window_start) VALUES ($1, $2, 1, $3)
       ON CONFLICT (scope, subject) DO UPDATE SET
         failures = CASE WHEN t.window_start <= $3 - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start <= $3 - make_interval(secs => $4) THEN $3 ELSE t.window_start END,
         locked_until = CASE WHEN t.window_start > $3 - make_interval(secs => $4) AND t.failures + 1 >= $5
                             THEN $3 + make_interval(secs => $4) ELSE t.locked_until END`,
      [scope, subject.slice(0, 320), this.clock.now(), windowSeconds, this.config.LOGIN_MAX_FAILURES],
    );
  }
}
