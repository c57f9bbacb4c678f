import { ScreeningInput, ScreeningSettings, TargetRegionSetting } from './screening.types';

/*
 * Test data for the screening: the real FA-2026 program (fund-rules.md §1–5, the same figures
 * as the migration that inserts it) and an application that passes every rule. Imported by
 * relative path from tests and benchmarks only; deliberately not exported from index.ts.
 */

const WAVE_OPENINGS: Record<number, string> = { 1: '2026-07-01', 2: '2026-10-14', 3: '2027-01-12' };

function region(regionCode: string, name: string, waveNumber: number): TargetRegionSetting {
  // Québec's official region names are the same in French and English.
  return { regionCode, regionNameFr: name, regionNameEn: name, waveNumber, opensOn: WAVE_OPENINGS[waveNumber] };
}

/** The FA-2026 program settings; every call returns fresh arrays, so a test may change them. */
export function fa2026Settings(overrides: Partial<ScreeningSettings> = {}): ScreeningSettings {
  return {
    grantCeilingCents: 50_000_000, // 500 000,00 $
    coInvestmentRatioBps: 10_000, // 1:1
    smeMinEmployees: 1,
    smeMaxEmployees: 499,
    intakeOpensOn: '2026-07-01',
    intakeClosesOn: '2027-04-17',
    targetRegions: [
      region('06', 'Montréal', 1),
      region('05', 'Estrie', 1),
      region('17', 'Centre-du-Québec', 1),
      region('03', 'Capitale-Nationale', 2),
      region('02', 'Saguenay–Lac-Saint-Jean', 2),
      region('04', 'Mauricie', 2),
      region('16', 'Montérégie', 3),
      region('12', 'Chaudière-Appalaches', 3),
      region('13', 'Laval', 3),
      region('07', 'Outaouais', 3),
    ],
    sectors: [
      {
        code: 'MANUFACTURING_ROBOTICS',
        labelFr: 'Robotique manufacturière',
        labelEn: 'Manufacturing robotics',
        naicsPrefixes: ['31', '32', '33'],
        useCaseCodes: ['REALTIME_QUALITY_INSPECTION', 'PREDICTIVE_LINE_MAINTENANCE'],
      },
      {
        code: 'CONSTRUCTION_AI',
        labelFr: 'Construction IA',
        labelEn: 'Construction AI',
        naicsPrefixes: ['23', '5413'],
        useCaseCodes: ['SITE_DIGITAL_TWIN_4D_PLANNING', 'BIM_CLASH_DETECTION', 'COST_ESTIMATION'],
      },
      {
        code: 'HEALTH_AI',
        labelFr: 'Santé IA',
        labelEn: 'Health AI',
        naicsPrefixes: ['62', '3391', '3254'],
        useCaseCodes: ['IMAGING_TRIAGE', 'AUTOMATIC_ANNOTATION', 'READING_TIME_REDUCTION'],
      },
    ],
    aiSupplierNaicsPrefixes: ['5415', '5417'],
    weights: { leverage: 25, jobs: 25, useCaseFit: 15, readiness: 15, regionWave: 10, duration: 10 },
    leverageCapBps: 30_000, // private ÷ requested = 3
    fullScoreJobsPer100kHundredths: 300, // 3 AI jobs per 100 000 $ requested
    fullScoreDurationMonths: 12,
    ...overrides,
  };
}

/**
 * A Montréal metal-products manufacturer (SCIAN 332710) adopting real-time quality inspection,
 * submitted while waves 1 and 2 are open. It passes every rule of rule set 2026.1.
 */
export function aScreeningInput(overrides: Partial<ScreeningInput> = {}): ScreeningInput {
  return {
    submittedOn: '2026-11-23',
    neq: '1171234567',
    employees: 40,
    regionCode: '06',
    naicsCode: '332710',
    aiRole: 'ADOPTER',
    sectorCode: 'MANUFACTURING_ROBOTICS',
    clientSectorCode: null,
    useCaseCode: 'REALTIME_QUALITY_INSPECTION',
    totalProjectCostCents: 50_000_000, // 500 000,00 $
    amountRequestedCents: 25_000_000, // 250 000,00 $
    privateDeclaredCents: 25_000_000,
    privateConfirmedCents: 25_000_000,
    otherPublicFundingCents: 0,
    aiJobsPlanned: 5,
    dataAvailable: true,
    mlStaffInPlace: true,
    researchPartnerCount: 1,
    durationMonths: 12,
    otherActiveFilesForNeq: 0,
    ...overrides,
  };
}
