import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '@fa/shared';

export type TokenPurpose = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET' | 'ACCOUNT_SETUP';

/** How long each kind of link stays valid. */
export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 60,
  PASSWORD_RESET: 60,
  ACCOUNT_SETUP: 72 * 60,
};

/** SHA-256 of a token, as stored: a stolen database holds no usable link. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Single-use, expiring tokens for e-mailed links. The token (256 random bits) leaves only in
 * the mail; the database keeps its hash. Consuming is one atomic UPDATE: a link works once,
 * even when clicked twice at the same moment.
 */
@Injectable()
export class SingleUseTokens {
  constructor(private readonly clock: Clock) {}

  async issue(manager: EntityManager, accountId: string, purpose: TokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000);
    // A new link replaces the previous ones of the same purpose.
    await manager.query('UPDATE account_token SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL', [accountId, purpose, this.clock.now()]);
    await manager.query('INSERT INTO account_token (id, account_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      accountId,
      purpose,
      tokenHash(token),
      expiresAt,
    ]);
    return token;
  }

  /** The account the token was issued to, if the token is valid, unused and unexpired; it is then used up. */
  async consume(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const rows = (await manager.query(
      `UPDATE account_token SET used_at = $3
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        RETURNING account_id`,
      [tokenHash(token), purpose, this.clock.now()],
    )) as [{ account_id: string }[], number];
    return rows[0][0]?.account_id ?? null;
  }
}
