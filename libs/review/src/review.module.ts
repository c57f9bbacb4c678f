import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { ScreeningConfirmationService } from './screening-confirmation.service';

/** IQ review: conflicts of interest and human confirmation of screenings (scores, recommendations and decisions follow). */
@Module({
  imports: [IdentityModule, IntakeModule],
  providers: [ConflictDeclarationsService, ScreeningConfirmationService],
  exports: [ConflictDeclarationsService, ScreeningConfirmationService],
})
export class ReviewModule {}
