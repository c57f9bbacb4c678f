import { DataSource } from 'typeorm';
import { AccountEntity, AccountsService, Role } from '@fa/identity';

export interface DemoPerson {
  role: Role;
  email: string;
  displayName: string;
}

/**
 * An active account for a demo person, made as a person would get one: an applicant registers
 * and follows the link mailed to verify the address; staff are created by an administrator and
 * choose their password from the set-up link. An account that exists is returned as it is.
 */
export async function ensureDemoAccount(accounts: AccountsService, dataSource: DataSource, person: DemoPerson, password: string, operatorLabel: string): Promise<AccountEntity> {
  const existing = await accounts.findByEmail(person.email);
  if (existing) return existing;
  const context = { clientAddress: null };
  const input = { email: person.email, displayName: person.displayName, preferredLocale: 'fr' as const };
  if (person.role === 'APPLICANT') {
    await accounts.registerApplicant({ ...input, password }, context);
    const rows = (await dataSource.query(
      "SELECT payload->>'verifyUrl' AS url FROM outbox_event WHERE type = 'email-verification' AND recipient_email = $1 ORDER BY created_at DESC LIMIT 1",
      [person.email],
    )) as { url: string }[];
    await accounts.verifyEmail(new URL(rows[0].url).searchParams.get('token')!, context);
  } else {
    const { setupUrl } = await accounts.createStaff({ ...input, role: person.role }, { accountId: null, label: operatorLabel }, context);
    await accounts.completeAccountSetup(new URL(setupUrl).searchParams.get('token')!, password, context);
  }
  return (await accounts.findByEmail(person.email))!;
}
