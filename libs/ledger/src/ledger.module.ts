import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { LedgerVerifier } from './ledger-verifier';

/** The envelope ledger: double-entry, append-only, hash-chained, idempotent commands. */
@Module({
  providers: [LedgerRepository, LedgerVerifier, LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
