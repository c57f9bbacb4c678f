import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller, IntakeError } from '@fa/intake';
import { ProgramsService } from '@fa/programs';
import { assertGrantAmount, assertNotConfirmedIneligible } from './grant-amount';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { RecommendationKind, suggestedRecommendation } from './review-grid';
import { RecommendationRepository, StoredRecommendation } from './recommendation.repository';
import { ReviewRepository } from './review.repository';
import { FileReviews, ReviewsService, independentFor } from './reviews.service';
import { ReviewError, ReviewErrorCode } from './review.error';

export interface RecommendationInput {
  kind: RecommendationKind;
  /** For an approval: the amount recommended, ≤ requested ≤ ceiling. */
  amountCents: number | null;
  reasons: string;
}

/** What the reviews suggest, for the reviewer who signs the recommendation. */
export interface RecommendationProposal {
  reviews: FileReviews;
  approvalThresholdPoints: number;
  /** null until the reviews suffice. */
  suggestedKind: RecommendationKind | null;
  amountRequestedCents: number | null;
  latest: StoredRecommendation | null;
}

/**
 * The recommendation (fund-rules.md §6): computed from the reviews of the current submission
 * (their mean against the approval threshold of the settings) and signed by a reviewer who
 * scored the file, who may depart from the suggestion with reasons. The file becomes RECOMMENDED.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recommendations: RecommendationRepository,
    private readonly reviewRepository: ReviewRepository,
    private readonly reviews: ReviewsService,
    private readonly applications: ApplicationsService,
    private readonly programs: ProgramsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async proposal(caller: IntakeCaller, applicationId: string): Promise<RecommendationProposal> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    const manager = this.dataSource.manager;
    const reviews = independentFor(caller, await this.reviews.current(manager, application.id));
    const { approvalThresholdPoints } = await this.reviewRepository.settings(manager, this.config.PROGRAM_CODE);
    const suggestedKind = reviews.state.sufficient && reviews.state.meanTenths !== null ? suggestedRecommendation(reviews.state.meanTenths, approvalThresholdPoints) : null;
    return { reviews, approvalThresholdPoints, suggestedKind, amountRequestedCents: application.amountRequestedCents, latest: await this.recommendations.latest(manager, application.id) };
  }

  async recommend(caller: IntakeCaller, applicationId: string, input: RecommendationInput): Promise<StoredRecommendation> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const { grantCeilingCents } = await this.programs.getSettings(this.config.PROGRAM_CODE);
    return runInTransaction(this.dataSource, async (manager) => {
      const application = await this.applications.locked(manager, applicationId);
      if (application.status !== 'IN_REVIEW') throw IntakeError.invalidTransition(application.status, 'RECOMMENDED');
      const current = await this.reviews.current(manager, application.id);
      if (!current.state.sufficient || current.state.meanTenths === null) {
        throw new ReviewError(ReviewErrorCode.REVIEWS_INSUFFICIENT, current.state.thirdReviewNeeded ? 'The first two reviews differ too much: a third review is needed before a recommendation.' : 'At least two reviews are needed before a recommendation.', {
          reviews: current.state.count, thirdReviewNeeded: current.state.thirdReviewNeeded,
        });
      }
      if (!current.reviews.some((review) => review.reviewerAccountId === caller.account.id)) {
        throw new ReviewError(ReviewErrorCode.RECOMMENDER_NOT_REVIEWER, 'Only a reviewer who scored this submission of the file signs its recommendation.');
      }
      if (input.kind === 'APPROVE') {
        assertGrantAmount(input.amountCents, application.amountRequestedCents, grantCeilingCents);
        await assertNotConfirmedIneligible(this.reviewRepository, manager, application.id);
      }
      const { approvalThresholdPoints } = await this.reviewRepository.settings(manager, this.config.PROGRAM_CODE);
      const recommendation: StoredRecommendation = {
        id: randomUUID(), applicationId: application.id, submissionSequence: current.submissionSequence, reviewerAccountId: caller.account.id,
        kind: input.kind, computedKind: suggestedRecommendation(current.state.meanTenths, approvalThresholdPoints),
        amountCents: input.kind === 'APPROVE' ? input.amountCents : null, reasons: input.reasons, meanTenths: current.state.meanTenths,
        reviewIds: current.reviews.map((review) => review.id), signedAt: this.clock.now(),
      };
      await this.recommendations.insert(manager, recommendation);
      await this.applications.changeState(manager, caller, application.id, 'RECOMMENDED', null);
      await this.audit.recordBy(manager, caller, 'review.recommendation_signed', { type: 'application', id: application.id }, {
        kind: recommendation.kind, computedKind: recommendation.computedKind, amountCents: recommendation.amountCents, meanTenths: recommendation.meanTenths,
      });
      return recommendation;
    });
  }
}
