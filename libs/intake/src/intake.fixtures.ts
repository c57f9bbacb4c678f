import { ApplicationContent, CoInvestmentSource, Milestone, OrganizationProfile } from './application.types';
import { OrganizationIdentity } from './completeness';

/*
 * Test data for the intake: a draft nobody has touched and an application that is complete on
 * TODAY. Imported by relative path from tests only; deliberately not exported from index.ts.
 */

/** The reference date of the complete application: its milestones are all later. */
export const TODAY = '2026-11-23';

export function anOrganization(overrides: Partial<OrganizationIdentity> = {}): OrganizationIdentity {
  return { legalName: 'Usinage Précis Montréal inc.', neq: '1171234567', ...overrides };
}

export function anEmptyProfile(): OrganizationProfile {
  return {
    streetAddress: null,
    city: null,
    postalCode: null,
    regionCode: null,
    naicsCode: null,
    employees: null,
    annualRevenueCents: null,
    aiRole: null,
    clientSectorCode: null,
  };
}

/** A Montréal metal-products manufacturer adopting AI. */
export function aCompleteProfile(overrides: Partial<OrganizationProfile> = {}): OrganizationProfile {
  return {
    streetAddress: '1000, rue Sherbrooke Ouest',
    city: 'Montréal',
    postalCode: 'H3A 3G4',
    regionCode: '06',
    naicsCode: '332710',
    employees: 40,
    annualRevenueCents: 800_000_000,
    aiRole: 'ADOPTER',
    clientSectorCode: null,
    ...overrides,
  };
}

export function aCoInvestment(overrides: Partial<CoInvestmentSource> = {}): CoInvestmentSource {
  return { sourceName: 'Banque Laurentienne', sourceType: 'BANK_LOAN', amountCents: 25_000_000, evidenceAttachmentId: 'attachment-1', ...overrides };
}

export function aMilestone(overrides: Partial<Milestone> = {}): Milestone {
  return { title: 'Inspection en production', dueOn: '2027-11-23', ...overrides };
}

export function anEmptyContent(): ApplicationContent {
  return {
    title: null,
    description: null,
    sectorCode: null,
    useCaseCode: null,
    aiApproach: null,
    dataAvailable: null,
    dataDescription: null,
    mlStaffInPlace: null,
    researchPartners: [],
    totalProjectCostCents: null,
    amountRequestedCents: null,
    otherPublicFundingCents: null,
    coInvestments: [],
    aiJobsPlanned: null,
    milestones: [],
    declaresAccuracy: false,
    consentsToProcessing: false,
    acknowledgesAutomatedScreening: false,
  };
}

/** Real-time quality inspection, 250 000 $ requested on a 500 000 $ budget, complete on TODAY. */
export function aCompleteContent(overrides: Partial<ApplicationContent> = {}): ApplicationContent {
  return {
    title: 'Inspection visuelle en temps réel',
    description: 'Détection des défauts de surface sur la ligne 2.',
    sectorCode: 'MANUFACTURING_ROBOTICS',
    useCaseCode: 'REALTIME_QUALITY_INSPECTION',
    aiApproach: 'Réseau de neurones convolutif entraîné sur nos images annotées.',
    dataAvailable: true,
    dataDescription: '40 000 images annotées',
    mlStaffInPlace: true,
    researchPartners: ['CRIM'],
    totalProjectCostCents: 50_000_000,
    amountRequestedCents: 25_000_000,
    otherPublicFundingCents: 0,
    coInvestments: [aCoInvestment()],
    aiJobsPlanned: 5,
    milestones: [aMilestone({ title: 'Prototype', dueOn: '2027-05-23' }), aMilestone()],
    declaresAccuracy: true,
    consentsToProcessing: true,
    acknowledgesAutomatedScreening: true,
    ...overrides,
  };
}
