import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Locale } from '@fa/shared';
import { AccountsService, Role } from '@fa/identity';

export const TEST_PASSWORD = 'érable rouge au printemps 2026';

const noAddress = { clientAddress: null };

/**
 * An active account of any role, created through the real services: an applicant registers
 * (its address is then marked verified, as the mailed link would), staff are created by an
 * administrator and choose their password through the set-up link.
 */
export async function createActiveAccount(
  app: INestApplicationContext,
  options: { email: string; role: Role; displayName?: string; password?: string; locale?: Locale },
): Promise<void> {
  const accounts = app.get(AccountsService);
  const person = { email: options.email, displayName: options.displayName ?? options.email, preferredLocale: options.locale ?? 'fr' };
  const password = options.password ?? TEST_PASSWORD;
  if (options.role === 'APPLICANT') {
    await accounts.registerApplicant({ ...person, password }, noAddress);
    await app.get(DataSource).query("UPDATE account SET status = 'ACTIVE', email_verified_at = now() WHERE email = $1", [options.email.toLowerCase()]);
    return;
  }
  const { setupUrl } = await accounts.createStaff({ ...person, role: options.role }, { accountId: null, label: 'test' }, noAddress);
  await accounts.completeAccountSetup(new URL(setupUrl).searchParams.get('token')!, password, noAddress);
}

/** A bearer token for an active account, as an API client gets one (POST /api/v1/auth/token). */
export async function bearerToken(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`POST /api/v1/auth/token for ${email} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** People of the given roles (`<who>@test.example`, named `who`), created through the services, with their bearer tokens by name. */
export async function createPeopleWithTokens(app: INestApplicationContext, baseUrl: string, people: [string, Role][]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [who, role] of people) {
    await createActiveAccount(app, { email: `${who}@test.example`, role, displayName: who });
    tokens[who] = await bearerToken(baseUrl, `${who}@test.example`);
  }
  return tokens;
}
