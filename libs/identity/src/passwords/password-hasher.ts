/** Hashes and checks passwords (argon2id). An abstraction so tests and benchmarks can size the cost. */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
}
