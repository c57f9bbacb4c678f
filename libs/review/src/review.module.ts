import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { ConflictDeclarationsService } from './conflict-declarations.service';

/** IQ review: conflicts of interest (scores, recommendations and decisions follow). */
@Module({
  imports: [IdentityModule, IntakeModule],
  providers: [ConflictDeclarationsService],
  exports: [ConflictDeclarationsService],
})
export class ReviewModule {}
