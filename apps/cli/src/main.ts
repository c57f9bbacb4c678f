import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfigOrExit } from '@fa/shared';
import { demoLoadCommand, mailTestCommand, migrateCommand, migrateRevertCommand, outboxStatusCommand } from './commands/operator-commands';
import { startPlatform } from './commands/start-platform';
import { DemoGenerateOptions, demoGenerateCommand } from './commands/demo-generate-command';
import { usersCreateCommand, usersDisableCommand } from './commands/user-commands';
import { STAFF_ROLES, Role } from '@fa/identity';
import { ledgerVerifyCommand } from './commands/ledger-commands';
import { AuditExportOptions, LedgerExportOptions, auditExportCommand, ledgerExportCommand } from './commands/export-commands';
import { EXPORT_FORMATS } from '@fa/audit-exports';

const program = new Command('npm run cli --')
  .description('Operator commands of the Fonds Accélération platform. Without DATABASE_URL they use the embedded PostgreSQL.')
  .showHelpAfterError();

const config = () => loadConfigOrExit('fa-cli');
const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a positive whole number');
  return Number(value);
};

program.command('start').description('Run the whole platform (what "npm start" does)').action(() => startPlatform(config()));
program.command('migrate').description('Apply pending database migrations').action(() => migrateCommand(config()));
program.command('migrate:revert').description('Revert the last applied migration').action(() => migrateRevertCommand(config()));
program.command('demo:load').description('Load the demo data sets not loaded yet (each once)').action(() => demoLoadCommand(config()));
program
  .command('demo:generate')
  .description('Generate realistic demo SMEs in every state, across the regions, through the domain services (deterministic for a seed)')
  .requiredOption('--smes <n>', 'how many SMEs', positiveInt)
  .option('--seed <n>', 'the seed: the same seed gives the same data', positiveInt, 1)
  .option('--from <date>', 'first day of the simulated period (YYYY-MM-DD)', '2026-07-01')
  .option('--to <date>', 'last day of the simulated period (YYYY-MM-DD; default: now)')
  .action((options: DemoGenerateOptions) => demoGenerateCommand(config(), options));
program
  .command('mail:test')
  .description('Queue a test e-mail through the outbox, to check the SMTP settings')
  .requiredOption('--to <email>', 'recipient address')
  .addOption(new Option('--lang <lang>', 'language of the message').choices(['fr', 'en']).default('fr'))
  .action((options: { to: string; lang: 'fr' | 'en' }) => mailTestCommand(config(), options));
program
  .command('outbox:status')
  .description('Show mail delivery: counts and the latest events (with --failed, only failures)')
  .option('--failed', 'only the events whose delivery failed for good')
  .option('--limit <n>', 'how many events to list', positiveInt, 20)
  .action((options: { failed?: boolean; limit: number }) => outboxStatusCommand(config(), options));

program
  .command('users:create')
  .description('Create a staff account; its holder gets a mail to choose a password')
  .requiredOption('--email <email>', 'address of the person')
  .requiredOption('--name <name>', 'their name as shown in the portal')
  .addOption(new Option('--role <role>', 'staff role').choices([...STAFF_ROLES]).makeOptionMandatory())
  .addOption(new Option('--lang <lang>', 'language of their mail and pages').choices(['fr', 'en']).default('fr'))
  .action((options: { email: string; name: string; role: Role; lang: 'fr' | 'en' }) => usersCreateCommand(config(), options));
program
  .command('users:disable')
  .description('Disable an account: it can no longer sign in')
  .requiredOption('--email <email>', 'address of the account')
  .action((options: { email: string }) => usersDisableCommand(config(), options));

program.command('ledger:verify').description('Check the ledger: debits = credits, balances, envelope accounted for, hash chain (exit 1 if broken)').action(() => ledgerVerifyCommand(config()));
const exportFileOptions = (command: Command) =>
  command
    .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).default('csv'))
    .option('--out <file>', 'file to write (default: a name with the date and the export id); its manifest goes to <file>.manifest.json')
    .option('--force', 'replace the file if it exists')
    .option('--from <YYYY-MM-DD>', 'first day of the period (APP_TIME_ZONE), included')
    .option('--to <YYYY-MM-DD>', 'last day of the period, included');
exportFileOptions(program.command('ledger:export').description('Export ledger entries (CSV, XLSX or JSON Lines) with a manifest: row count, totals per account, SHA-256, chain head'))
  .option('--region <code>', 'region code (06)')
  .option('--sector <code>', 'sector code (HEALTH_AI)')
  .option('--grant <id>', 'grant id')
  .option('--agreement <id>', 'agreement id (the entries of its grant)')
  .option('--type <type>', 'entry type (COMMITMENT…)')
  .action((options: LedgerExportOptions) => ledgerExportCommand(config(), options));
exportFileOptions(program.command('audit:export').description('Export the audit trail (CSV, XLSX or JSON Lines) with a manifest: row count, SHA-256, chain head'))
  .option('--action <prefix>', 'start of the action (ledger.)')
  .action((options: AuditExportOptions) => auditExportCommand(config(), options));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
