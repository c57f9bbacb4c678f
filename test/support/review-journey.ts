import { apiClient } from './http-client';
import { COMPLETE_CONTENT, PROFILE } from './intake-fixtures';

/** The review grid's criteria (fund-rules.md §6 defaults), with the same score for each. */
export function gridScores(values: number[]): Record<string, number> {
  return Object.fromEntries(['AI_INNOVATION', 'TECHNICAL_FEASIBILITY', 'TEAM_CAPACITY', 'ECONOMIC_IMPACT_AND_JOBS', 'RESPONSIBLE_AI_AND_DATA'].map((code, index) => [code, values[index]]));
}

type Api = ReturnType<typeof apiClient>;

async function expectStatus(call: Promise<{ status: number; body: unknown }>, status: number, what: string): Promise<Record<string, unknown>> {
  const response = await call;
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

/**
 * Drives files through the review over the API, as the people concerned would: an applicant's
 * submitted file, a reviewer's confirmation and scores, a signed recommendation. Each step checks
 * its answer, so a broken step names itself.
 */
export function reviewJourney(baseUrl: string, tokens: Record<string, string>) {
  const api: Api = apiClient(baseUrl);
  const as = (who: string) => ({ token: tokens[who] });

  /** A new organization (its own NEQ; `profile` overrides its profile, e.g. its region) with a complete draft, submitted: SCREENED. */
  const submittedFile = async (applicant: string, neq: string, extra: Record<string, unknown> = {}, profile: Record<string, unknown> = {}): Promise<string> => {
    const organization = await expectStatus(api.post('/api/v1/organizations', { legalName: `Usinage ${neq} inc.`, neq, ...PROFILE, ...profile }, as(applicant)), 201, 'POST /organizations');
    const draft = await expectStatus(api.post('/api/v1/applications', {
      organizationId: organization.id, ...COMPLETE_CONTENT, coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: 25_000_000 }], ...extra,
    }, as(applicant)), 201, 'POST /applications');
    await expectStatus(api.post(`/api/v1/applications/${draft.id as string}/submit`, {}, as(applicant)), 200, 'submit');
    return draft.id as string;
  };

  const declare = (who: string, id: string, kind: 'NO_CONFLICT' | 'RECUSED' = 'NO_CONFLICT') =>
    expectStatus(api.post(`/api/v1/applications/${id}/conflict-declaration`, { kind }, as(who)), 201, `declaration by ${who}`);

  /** SCREENED → IN_REVIEW by `reviewer`, who declares no conflict first. */
  const inReview = async (id: string, reviewer: string): Promise<void> => {
    await declare(reviewer, id);
    await expectStatus(api.post(`/api/v1/applications/${id}/screening/confirmation`, { outcome: 'ELIGIBLE', reason: 'Co-investissement confirmé par la banque.' }, as(reviewer)), 200, 'screening confirmation');
  };

  const review = (id: string, reviewer: string, values: number[]) =>
    expectStatus(api.post(`/api/v1/applications/${id}/reviews`, { scores: gridScores(values) }, as(reviewer)), 201, `review by ${reviewer}`);

  /** A submitted file taken to RECOMMENDED (approve `amountCents`): confirmed and scored by two reviewers, signed by the first. */
  const recommended = async (id: string, reviewers: [string, string], amountCents = 25_000_000): Promise<void> => {
    await inReview(id, reviewers[0]);
    await review(id, reviewers[0], [4, 4, 4, 4, 4]);
    await declare(reviewers[1], id);
    await review(id, reviewers[1], [4, 4, 5, 4, 4]);
    await expectStatus(api.post(`/api/v1/applications/${id}/recommendation`, { kind: 'APPROVE', amountCents, reasons: 'Projet solide, retombées claires.' }, as(reviewers[0])), 201, 'recommendation');
  };

  return { api, as, submittedFile, declare, inReview, review, recommended };
}
