import { AppConfig, formatMoney } from '@fa/shared';
import { LedgerService } from '@fa/ledger';
import { withCliApp, withDatabase } from '../cli-context';

/** Checks every promise of the ledger and says which one is broken; exit code 1 when one is. */
export async function ledgerVerifyCommand(config: AppConfig): Promise<void> {
  await withDatabase(config, async (runtime) => {
    const result = await withCliApp(runtime, (app) => app.get(LedgerService).verify());
    console.log(`Ledger: ${result.entriesChecked} entries checked; Σ debits ${formatMoney(result.totalDebitsCents, 'fr')}, Σ credits ${formatMoney(result.totalCreditsCents, 'fr')}`);
    for (const envelope of result.envelopes) {
      const part = (label: string, cents: number) => `${label} ${formatMoney(cents, 'fr')}`;
      console.log(`  ${envelope.programCode}: ${[part('envelope', envelope.fundedCents), part('available', envelope.availableCents), part('committed', envelope.committedCents), part('disbursed', envelope.disbursedCents), part('receivable', envelope.receivableCents), part('recovered', envelope.recoveredCents)].join(', ')}`);
    }
    if (result.valid) {
      console.log('VALID: debits equal credits, every balance matches the journal, the envelope is fully accounted for, the hash chain is intact.');
      return;
    }
    for (const problem of result.problems) console.log(`INVALID: ${problem}`);
    if (result.firstBadEntry) console.log(`First bad entry: position ${result.firstBadEntry.position}${result.firstBadEntry.id ? ` (id ${result.firstBadEntry.id})` : ''}`);
    process.exitCode = 1;
  });
}
