import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { PasswordHasher } from './password-hasher';
import { normalizePassword } from './password-policy';

/** `Algorithm.Argon2id` of @node-rs/argon2; its enum is `const` and does not exist at run time. */
const ARGON2ID = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
const OWASP_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class Argon2idHasher extends PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(normalizePassword(password), OWASP_PARAMETERS);
  }

  /** The parameters are read from the stored PHC string, so older hashes keep verifying after a change. */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, normalizePassword(password));
    } catch {
      return false;
    }
  }
}
