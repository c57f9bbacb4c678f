import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, ValidationFailedError, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller, IntakeError } from '@fa/intake';
import { ConflictDeclarationsService } from './conflict-declarations.service';
import { Criterion, GridError, ReviewsState, reviewTotalTenths, reviewsState } from './review-grid';
import { ReviewRepository, StoredReview } from './review.repository';
import { ReviewError, ReviewErrorCode } from './review.error';

export interface ReviewInput {
  scores: Record<string, number>;
  comments: Record<string, string>;
}

export interface FileReviews {
  criteria: Criterion[];
  reviews: StoredReview[];
  /** Which submission of the file these reviews are of. */
  submissionSequence: number;
  state: ReviewsState;
}

/** Scoring a file on the review grid: one review per reviewer, while the file is in review. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReviewRepository,
    private readonly applications: ApplicationsService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async submit(caller: IntakeCaller, applicationId: string, input: ReviewInput): Promise<FileReviews> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const grid = await this.repository.settings(this.dataSource.manager, this.config.PROGRAM_CODE);
    const totalTenths = totalOf(grid.criteria, input.scores);
    assertComments(grid.criteria, input.comments);
    await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.applications.locked(manager, applicationId);
      if (application.status !== 'IN_REVIEW') throw IntakeError.invalidTransition(application.status, 'IN_REVIEW');
      const { submissionSequence } = await this.applications.submissionFacts(manager, application.id);
      const inserted = await this.repository.insert(manager, {
        id: randomUUID(), applicationId: application.id, submissionSequence, reviewerAccountId: caller.account.id, scores: input.scores, comments: input.comments,
        criteria: grid.criteria, totalTenths, submittedAt: this.clock.now(),
      });
      if (!inserted) throw new ReviewError(ReviewErrorCode.ALREADY_REVIEWED, 'You have already reviewed this file; a review is not changed once submitted.');
      await this.audit.recordBy(manager, caller, 'review.submitted', { type: 'application', id: application.id }, { totalTenths });
    });
    return this.list(caller, applicationId);
  }

  /** The reviews of the file's current submission (a resubmitted file is reviewed afresh). */
  async list(caller: IntakeCaller, applicationId: string): Promise<FileReviews> {
    await this.conflicts.assertMayOpen(caller, applicationId);
    const application = await this.applications.summary(caller, applicationId);
    return independentFor(caller, await this.current(this.dataSource.manager, application.id));
  }

  /** The same, inside another use case's transaction (no access check). */
  async current(manager: EntityManager, applicationId: string): Promise<FileReviews> {
    const settings = await this.repository.settings(manager, this.config.PROGRAM_CODE);
    const { submissionSequence } = await this.applications.submissionFacts(manager, applicationId);
    const reviews = await this.repository.list(manager, applicationId, submissionSequence);
    return { criteria: settings.criteria, reviews, submissionSequence, state: reviewsState(reviews.map((review) => review.totalTenths), settings.divergencePoints) };
  }
}

/**
 * Reviews stay independent: a reviewer who has not scored the current submission sees how many
 * reviews there are, not what they say. Approvers, auditors and administrators see them all.
 */
export function independentFor(caller: IntakeCaller, file: FileReviews): FileReviews {
  if (caller.account.role !== 'REVIEWER' || file.reviews.some((review) => review.reviewerAccountId === caller.account.id)) return file;
  // The mean would give away a single review's total: only the count stays.
  return { ...file, reviews: [], state: { ...file.state, meanTenths: null } };
}

/** Comments: one per criterion at most, text PostgreSQL can keep in JSON (no NUL), 2,000 characters each. */
function assertComments(criteria: Criterion[], comments: Record<string, string>): void {
  const problems = Object.entries(comments)
    .filter(([code, text]) => !criteria.some((criterion) => criterion.code === code) || typeof text !== 'string' || text.includes('\u0000') || [...text].length > 2000)
    .map(([code]) => `comments.${code} must be text of at most 2000 characters for a criterion of the grid`);
  if (problems.length > 0) throw new ValidationFailedError([{ field: 'comments', problems }]);
}

function totalOf(criteria: Criterion[], scores: Record<string, number>): number {
  try {
    return reviewTotalTenths(criteria, scores);
  } catch (error) {
    if (error instanceof GridError) throw new ValidationFailedError([{ field: 'scores', problems: [error.message] }]);
    throw error;
  }
}
