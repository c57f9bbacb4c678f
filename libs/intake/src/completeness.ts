import { ApplicationContent, OTHER_USE_CASE, OrganizationProfile } from './application.types';

/**
 * The completion checklist of an application, section by section: what is still missing
 * before it can be submitted. Pure, so the portal, the API and submission share it.
 */
export const APPLICATION_SECTIONS = ['ORGANIZATION', 'PROJECT', 'BUDGET', 'JOBS_AND_MILESTONES', 'DECLARATIONS'] as const;
export type ApplicationSection = (typeof APPLICATION_SECTIONS)[number];

export type MissingCode = 'REQUIRED' | 'AT_LEAST_ONE' | 'MUST_BE_ACCEPTED' | 'MUST_BE_LATER_THAN_TODAY' | 'MUST_BE_POSITIVE';

export interface MissingItem {
  section: ApplicationSection;
  field: string;
  code: MissingCode;
}

export interface SectionStatus {
  section: ApplicationSection;
  complete: boolean;
  missing: MissingItem[];
}

export interface OrganizationIdentity {
  legalName: string;
  neq: string;
}

type Check = [field: string, code: MissingCode, ok: boolean];

const answered = (value: unknown): boolean => value !== null && value !== undefined && value !== '';

function organizationChecks(organization: OrganizationIdentity, profile: OrganizationProfile): Check[] {
  return [
    ['legalName', 'REQUIRED', answered(organization.legalName)],
    ['neq', 'REQUIRED', answered(organization.neq)],
    ['streetAddress', 'REQUIRED', answered(profile.streetAddress)],
    ['city', 'REQUIRED', answered(profile.city)],
    ['postalCode', 'REQUIRED', answered(profile.postalCode)],
    ['regionCode', 'REQUIRED', answered(profile.regionCode)],
    ['naicsCode', 'REQUIRED', answered(profile.naicsCode)],
    ['employees', 'REQUIRED', answered(profile.employees)],
    ['annualRevenueCents', 'REQUIRED', answered(profile.annualRevenueCents)],
    ['aiRole', 'REQUIRED', answered(profile.aiRole)],
    ['clientSectorCode', 'REQUIRED', profile.aiRole !== 'SUPPLIER' || answered(profile.clientSectorCode)],
  ];
}

function projectChecks(content: ApplicationContent): Check[] {
  return [
    ['title', 'REQUIRED', answered(content.title)],
    ['description', 'REQUIRED', answered(content.description)],
    ['sectorCode', 'REQUIRED', answered(content.sectorCode)],
    ['useCaseCode', 'REQUIRED', answered(content.useCaseCode)],
    ['aiApproach', 'REQUIRED', answered(content.aiApproach)],
    ['dataAvailable', 'REQUIRED', answered(content.dataAvailable)],
    ['mlStaffInPlace', 'REQUIRED', answered(content.mlStaffInPlace)],
  ];
}

function budgetChecks(content: ApplicationContent): Check[] {
  return [
    ['totalProjectCostCents', 'REQUIRED', answered(content.totalProjectCostCents)],
    ['amountRequestedCents', 'REQUIRED', answered(content.amountRequestedCents)],
    ['amountRequestedCents', 'MUST_BE_POSITIVE', !answered(content.amountRequestedCents) || (content.amountRequestedCents ?? 0) > 0],
    ['otherPublicFundingCents', 'REQUIRED', answered(content.otherPublicFundingCents)],
    ['coInvestments', 'AT_LEAST_ONE', content.coInvestments.length > 0],
  ];
}

function jobsAndMilestonesChecks(content: ApplicationContent, today: string): Check[] {
  return [
    ['aiJobsPlanned', 'REQUIRED', answered(content.aiJobsPlanned)],
    ['milestones', 'AT_LEAST_ONE', content.milestones.length > 0],
    ['milestones', 'MUST_BE_LATER_THAN_TODAY', content.milestones.every((milestone) => milestone.dueOn > today)],
  ];
}

function declarationChecks(content: ApplicationContent): Check[] {
  return [
    ['declaresAccuracy', 'MUST_BE_ACCEPTED', content.declaresAccuracy],
    ['consentsToProcessing', 'MUST_BE_ACCEPTED', content.consentsToProcessing],
    ['acknowledgesAutomatedScreening', 'MUST_BE_ACCEPTED', content.acknowledgesAutomatedScreening],
  ];
}

export function checklist(organization: OrganizationIdentity, profile: OrganizationProfile, content: ApplicationContent, today: string): SectionStatus[] {
  const checks: Record<ApplicationSection, Check[]> = {
    ORGANIZATION: organizationChecks(organization, profile),
    PROJECT: projectChecks(content),
    BUDGET: budgetChecks(content),
    JOBS_AND_MILESTONES: jobsAndMilestonesChecks(content, today),
    DECLARATIONS: declarationChecks(content),
  };
  return APPLICATION_SECTIONS.map((section) => {
    const missing = checks[section].filter(([, , ok]) => !ok).map(([field, code]) => ({ section, field, code }));
    return { section, complete: missing.length === 0, missing };
  });
}

export function missingItems(sections: SectionStatus[]): MissingItem[] {
  return sections.flatMap((section) => section.missing);
}

/** The use case as the screening reads it: "another use case" is no flagship use case. */
export function flagshipUseCase(useCaseCode: string | null): string | null {
  return useCaseCode === OTHER_USE_CASE ? null : useCaseCode;
}
