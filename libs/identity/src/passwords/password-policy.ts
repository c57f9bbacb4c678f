import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_COMMON' | 'PASSWORD_CONTAINS_IDENTITY';

/** ~49,000 passwords seen most often in breaches (zxcvbn-ts common list, MIT), lower-cased. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as readonly string[]).map((password) => password.toLowerCase()),
);

/**
 * NIST SP 800-63B: any Unicode character is allowed; passwords are normalised (NFKC) before
 * they are measured, compared or hashed, so the same password typed on another keyboard matches.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * What is wrong with a new password, if anything: its length in characters (code points, not
 * UTF-16 units), whether it is a common password, whether it contains the person's e-mail name.
 */
export function passwordProblems(password: string, context: { email?: string } = {}): PasswordProblem[] {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('PASSWORD_TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('PASSWORD_TOO_LONG');
  if (COMMON_PASSWORDS.has(normalized.toLowerCase())) problems.push('PASSWORD_TOO_COMMON');
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && normalized.toLowerCase().includes(localPart)) problems.push('PASSWORD_CONTAINS_IDENTITY');
  return problems;
}
