import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { ScreeningConfirmationService } from './screening-confirmation.service';
import { ReviewRepository } from './review.repository';
import { ReviewsService } from './reviews.service';

/** IQ review: conflicts of interest and human confirmation of screenings (scores, recommendations and decisions follow). */
@Module({
  imports: [IdentityModule, IntakeModule],
  providers: [ConflictDeclarationsService, ScreeningConfirmationService, ReviewRepository, ReviewsService],
  exports: [ConflictDeclarationsService, ScreeningConfirmationService, ReviewsService],
})
export class ReviewModule {}
