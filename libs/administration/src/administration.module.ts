import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { LedgerModule } from '@fa/ledger';
import { ProgramAdministrationService } from './program-administration.service';

/** Program administration: versioned settings, applied to every context's tables at once. */
@Module({
  imports: [IdentityModule, LedgerModule],
  providers: [ProgramAdministrationService],
  exports: [ProgramAdministrationService],
})
export class AdministrationModule {}
