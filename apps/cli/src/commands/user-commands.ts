import { AppConfig, Locale } from '@fa/shared';
import { AccountsService, IdentityError, Role } from '@fa/identity';
import { withCliApp, withDatabase } from '../cli-context';

/** Who acts when an operator runs a command: recorded as such in the audit trail. */
const operator = () => ({ accountId: null, label: `cli (${process.env.USER ?? 'operator'})` });
const noAddress = { clientAddress: null };

export async function usersCreateCommand(config: AppConfig, options: { email: string; role: Role; name: string; lang: Locale }): Promise<void> {
  await withDatabase(config, (runtime) =>
    withCliApp(runtime, async (app) => {
      try {
        const { setupUrl } = await app
          .get(AccountsService)
          .createStaff({ email: options.email, displayName: options.name, preferredLocale: options.lang, role: options.role }, operator(), noAddress);
        console.log(`Created ${options.role} account for ${options.email.trim().toLowerCase()}.`);
        console.log('A mail with the link to choose a password is queued; the same single-use link, valid 72 hours:');
        console.log(`  ${setupUrl}`);
      } catch (error) {
        if (error instanceof IdentityError) throw new Error(`${error.code}: ${error.message}`, { cause: error });
        throw error;
      }
    }),
  );
}

export async function usersDisableCommand(config: AppConfig, options: { email: string }): Promise<void> {
  await withDatabase(config, (runtime) =>
    withCliApp(runtime, async (app) => {
      const accounts = app.get(AccountsService);
      const account = await accounts.findByEmail(options.email);
      if (!account) throw new Error(`ACCOUNT_NOT_FOUND: no account uses ${options.email}`);
      await accounts.disable(account.id, operator(), noAddress);
      console.log(`Disabled the account of ${account.email}.`);
    }),
  );
}
