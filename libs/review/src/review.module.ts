import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { LedgerModule } from '@fa/ledger';
import { ProgramsModule } from '@fa/programs';
import { AssignmentsService } from './assignments.service';
import { ChangeRequestsService } from './change-requests.service';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { DecisionRepository } from './decision.repository';
import { DecisionsService } from './decisions.service';
import { RecommendationRepository } from './recommendation.repository';
import { RecommendationsService } from './recommendations.service';
import { ScreeningConfirmationService } from './screening-confirmation.service';
import { ReviewRepository } from './review.repository';
import { ReviewsService } from './reviews.service';
import { ReviewQueue } from './review-queue.service';
import { ReviewPersonalData } from './review-personal-data';

const SERVICES = [ConflictDeclarationsService, ScreeningConfirmationService, ReviewsService, AssignmentsService, RecommendationsService, ChangeRequestsService, DecisionsService, ReviewQueue, ReviewPersonalData];

/** IQ review: conflicts of interest, screening confirmation, assignments, reviews, recommendations, changes requested, decisions. */
@Module({
  imports: [IdentityModule, IntakeModule, LedgerModule, ProgramsModule],
  providers: [...SERVICES, ReviewRepository, RecommendationRepository, DecisionRepository],
  exports: SERVICES,
})
export class ReviewModule {}
