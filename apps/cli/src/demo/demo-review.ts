import { AccountsService, OrganizationsService } from '@fa/identity';
import { ApplicationsService, OrganizationProfilesService, SubmissionService } from '@fa/intake';
import { ConflictDeclarationsService, RecommendationsService, ReviewsService, ScreeningConfirmationService } from '@fa/review';

const DEMO_NEQ = '1170000025';

export interface DemoReviewServices {
  accounts: AccountsService;
  organizations: OrganizationsService;
  profiles: OrganizationProfilesService;
  applications: ApplicationsService;
  submissions: SubmissionService;
  conflicts: ConflictDeclarationsService;
  confirmations: ScreeningConfirmationService;
  reviews: ReviewsService;
  recommendations: RecommendationsService;
}

function monthsFrom(today: Date, months: number): string {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, 15)).toISOString().slice(0, 10);
}

/**
 * A second demo enterprise whose file has been through the review — screening confirmed, scored
 * by both demo reviewers, recommended for approval — so the demo approver has a decision to take
 * (and the demo reviewer still has the first enterprise's file to confirm). All through the services.
 */
export async function loadDemoReview(services: DemoReviewServices, emails: { applicant: string; reviewers: [string, string] }, today: Date): Promise<void> {
  const [applicant, first, second] = await Promise.all([emails.applicant, ...emails.reviewers].map((email) => services.accounts.findByEmail(email)));
  if (!applicant || !first || !second) return;
  const as = (account: typeof applicant) => ({ account, clientAddress: null });
  // An interrupted load is not resumed half-way: the enterprise's NEQ can be registered once.
  if ((await services.organizations.listVisible(as(applicant))).some((organization) => organization.neq === DEMO_NEQ)) return;
  const { organization } = await services.profiles.register(as(applicant), {
    legalName: 'Imagerie Santé Montréal inc. (démo)', neq: DEMO_NEQ, streetAddress: '1000, rue Saint-Denis', city: 'Montréal', postalCode: 'H2X 0C1',
    regionCode: '06', naicsCode: '621510', employees: 65, annualRevenueCents: 1_200_000_000, aiRole: 'ADOPTER', clientSectorCode: null,
  });
  const draft = await services.applications.create(as(applicant), organization.id, {
    title: 'Triage des examens de tomodensitométrie', description: 'Un modèle classe les examens TDM par urgence pour que les radiologistes lisent d’abord les cas critiques.',
    sectorCode: 'HEALTH_AI', useCaseCode: 'IMAGING_TRIAGE', aiApproach: 'Réseaux convolutifs 3D validés sur des examens anonymisés.',
    dataAvailable: true, dataDescription: '40 000 examens anonymisés avec leur compte rendu.', mlStaffInPlace: true, researchPartners: ['Mila'],
    totalProjectCostCents: 80_000_000, amountRequestedCents: 40_000_000, otherPublicFundingCents: 0, aiJobsPlanned: 8,
    milestones: [{ title: 'Validation clinique', dueOn: monthsFrom(today, 6) }, { title: 'Déploiement dans trois cliniques', dueOn: monthsFrom(today, 12) }],
    coInvestments: [{ sourceName: 'Fonds propres', sourceType: 'OWN_FUNDS', amountCents: 40_000_000, evidenceAttachmentId: null }],
    declaresAccuracy: true, consentsToProcessing: true, acknowledgesAutomatedScreening: true,
  });
  const id = draft.application.id;
  await services.submissions.submit(as(applicant), id);
  await services.conflicts.declare(as(first), id, 'NO_CONFLICT', null);
  await services.confirmations.confirm(as(first), id, 'ELIGIBLE', 'Les états financiers montrent des fonds propres suffisants pour le co-investissement.');
  await services.reviews.submit(as(first), id, { scores: { AI_INNOVATION: 4, TECHNICAL_FEASIBILITY: 4, TEAM_CAPACITY: 4, ECONOMIC_IMPACT_AND_JOBS: 3, RESPONSIBLE_AI_AND_DATA: 5 }, comments: { RESPONSIBLE_AI_AND_DATA: 'Données anonymisées, comité d’éthique en place.' } });
  await services.conflicts.declare(as(second), id, 'NO_CONFLICT', null);
  await services.reviews.submit(as(second), id, { scores: { AI_INNOVATION: 4, TECHNICAL_FEASIBILITY: 3, TEAM_CAPACITY: 4, ECONOMIC_IMPACT_AND_JOBS: 4, RESPONSIBLE_AI_AND_DATA: 4 }, comments: {} });
  await services.recommendations.recommend(as(first), id, { kind: 'APPROVE', amountCents: 40_000_000, reasons: 'Projet mûr, équipe solide, retombées en emplois claires.' });
}
