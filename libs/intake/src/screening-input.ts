import type { ScreeningInput, ScreeningSettings } from '@fa/eligibility';
import type { ProgramOverviewDto, ScreeningParametersDto } from '@fa/programs';
import { ApplicationContent, OrganizationProfile } from './application.types';
import { OrganizationIdentity, flagshipUseCase } from './completeness';

/** Whole months from one date to another, a started month counting as one (2026-11-23 → 2027-11-24 is 13). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  const months = (y2 - y1) * 12 + (m2 - m1);
  return d2 > d1 ? months + 1 : months;
}

/** What the rules read, taken from a complete application and its organization. */
export function screeningInput(
  organization: OrganizationIdentity,
  profile: OrganizationProfile,
  content: ApplicationContent,
  submittedOn: string,
  otherActiveFilesForNeq: number,
): ScreeningInput {
  const privateDeclared = content.coInvestments.reduce((sum, source) => sum + source.amountCents, 0);
  const privateConfirmed = content.coInvestments.filter((source) => source.evidenceAttachmentId !== null).reduce((sum, source) => sum + source.amountCents, 0);
  const lastMilestone = content.milestones.map((milestone) => milestone.dueOn).sort().at(-1) ?? submittedOn;
  return {
    submittedOn,
    neq: organization.neq,
    employees: profile.employees ?? 0,
    regionCode: profile.regionCode ?? '',
    naicsCode: profile.naicsCode ?? '',
    aiRole: profile.aiRole ?? 'ADOPTER',
    sectorCode: content.sectorCode ?? '',
    clientSectorCode: profile.clientSectorCode,
    useCaseCode: flagshipUseCase(content.useCaseCode),
    totalProjectCostCents: content.totalProjectCostCents ?? 0,
    amountRequestedCents: content.amountRequestedCents ?? 0,
    privateDeclaredCents: privateDeclared,
    privateConfirmedCents: privateConfirmed,
    otherPublicFundingCents: content.otherPublicFundingCents ?? 0,
    aiJobsPlanned: content.aiJobsPlanned ?? 0,
    dataAvailable: content.dataAvailable === true,
    mlStaffInPlace: content.mlStaffInPlace === true,
    researchPartnerCount: content.researchPartners.length,
    durationMonths: monthsBetween(submittedOn, lastMilestone),
    otherActiveFilesForNeq,
  };
}

/** The rules' view of the program settings: figures, target regions with their waves, sectors, weights. */
export function screeningSettings(overview: ProgramOverviewDto, parameters: ScreeningParametersDto): ScreeningSettings {
  return {
    grantCeilingCents: overview.program.grantCeilingCents,
    coInvestmentRatioBps: overview.program.coInvestmentRatioBps,
    smeMinEmployees: parameters.smeMinEmployees,
    smeMaxEmployees: parameters.smeMaxEmployees,
    intakeOpensOn: overview.program.intakeOpensOn,
    intakeClosesOn: overview.program.intakeClosesOn,
    targetRegions: overview.waves.flatMap((wave) =>
      wave.regions.map((region) => ({ regionCode: region.code, regionNameFr: region.nameFr, regionNameEn: region.nameEn, waveNumber: wave.waveNumber, opensOn: wave.opensOn })),
    ),
    sectors: overview.sectors.map((sector) => ({
      code: sector.code,
      labelFr: sector.labelFr,
      labelEn: sector.labelEn,
      naicsPrefixes: sector.naicsPrefixes,
      useCaseCodes: sector.useCases.map((useCase) => useCase.code),
    })),
    aiSupplierNaicsPrefixes: overview.aiSupplierNaicsPrefixes,
    weights: parameters.weights,
    leverageCapBps: parameters.leverageCapBps,
    fullScoreJobsPer100kHundredths: parameters.fullScoreJobsPer100kHundredths,
    fullScoreDurationMonths: parameters.fullScoreDurationMonths,
  };
}
