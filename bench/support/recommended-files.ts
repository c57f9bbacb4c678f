import { AppConfig } from '@fa/shared';
import { Cohort, PREPARATION_CONCURRENCY, expectStatus, inBatches, prepareApplicants, prepareStaff, timedRequest } from './applicants';

/** The staff who take files to a decision: two reviewers, an approver who took no part in the review (four eyes), an auditor. */
export interface ReviewStaff {
  reviewers: [string, string];
  approver: string;
  auditor: string;
}

export interface RecommendedFiles {
  /** Applications RECOMMENDED for approval, on which the approver declared no conflict. */
  applicationIds: string[];
  /** Bearer tokens. */
  staff: ReviewStaff;
}

/** Four of five on every criterion of the grid: 80 points, above the approval threshold (60). */
const SCORES = { AI_INNOVATION: 4, TECHNICAL_FEASIBILITY: 4, TEAM_CAPACITY: 4, ECONOMIC_IMPACT_AND_JOBS: 4, RESPONSIBLE_AI_AND_DATA: 4 };

/**
 * `count` files taken through the API up to the approver's decision, as the people concerned
 * would: the applicant submits (SCREENED); reviewer A declares no conflict and confirms the
 * screening (IN_REVIEW) and scores; reviewer B declares and scores; A signs a recommendation to
 * approve `amountCents` (RECOMMENDED); the approver declares no conflict. Accounts and tokens as
 * prepareApplicants and prepareStaff make them; at most PREPARATION_CONCURRENCY files in flight.
 */
export async function prepareRecommendedFiles(baseUrl: string, databaseUrl: string, config: AppConfig, count: number, amountCents: number, cohort: Cohort): Promise<RecommendedFiles> {
  const applicants = await prepareApplicants(baseUrl, databaseUrl, config, count, cohort);
  const [reviewerA, reviewerB, approver, auditor] = (await prepareStaff(baseUrl, databaseUrl, config, `${cohort.name}-personnel`, ['REVIEWER', 'REVIEWER', 'APPROVER', 'AUDITOR'])) as [string, string, string, string];
  const applicationIds = await inBatches(applicants, PREPARATION_CONCURRENCY, async ({ applicationId, token }) => {
    const step = (who: string, path: string, body: unknown, status: number): Promise<unknown> =>
      expectStatus(timedRequest(baseUrl, 'POST', `/api/v1/applications/${applicationId}${path}`, who, body), status, `POST …${path}`);
    await step(token, '/submit', {}, 200);
    for (const reviewer of [reviewerA, reviewerB]) {
      await step(reviewer, '/conflict-declaration', { kind: 'NO_CONFLICT' }, 201);
      if (reviewer === reviewerA) await step(reviewer, '/screening/confirmation', { outcome: 'ELIGIBLE', reason: 'Co-investissement confirmé (banc d’essai).' }, 200);
      await step(reviewer, '/reviews', { scores: SCORES }, 201);
    }
    await step(reviewerA, '/recommendation', { kind: 'APPROVE', amountCents, reasons: 'Projet solide, retombées claires (banc d’essai).' }, 201);
    await step(approver, '/conflict-declaration', { kind: 'NO_CONFLICT' }, 201);
    return applicationId;
  });
  return { applicationIds, staff: { reviewers: [reviewerA, reviewerB], approver, auditor } };
}
