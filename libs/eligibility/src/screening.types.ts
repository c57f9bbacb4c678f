/**
 * The vocabulary of the automated eligibility screening (fund-rules.md §4–5).
 * Everything here is plain data so a screening can be stored, re-read and explained later.
 */
export type RuleVerdict = 'PASS' | 'FAIL' | 'NEEDS_REVIEW';
export type ScreeningOutcome = 'ELIGIBLE' | 'INELIGIBLE' | 'NEEDS_REVIEW';
export type RuleId = 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E7' | 'E8';
export type AiRole = 'ADOPTER' | 'SUPPLIER';

/** What the applicant declared, as the rules read it. Amounts in integer cents; dates `YYYY-MM-DD`. */
export interface ScreeningInput {
  submittedOn: string;
  neq: string;
  employees: number;
  regionCode: string;
  naicsCode: string;
  aiRole: AiRole;
  /** The priority sector the project claims. */
  sectorCode: string;
  /** For an AI supplier: the sector of the adopting client. */
  clientSectorCode: string | null;
  /** A flagship use case code, or null for "another use case". */
  useCaseCode: string | null;
  totalProjectCostCents: number;
  amountRequestedCents: number;
  /** Every private source declared. */
  privateDeclaredCents: number;
  /** Private sources backed by a commitment document. */
  privateConfirmedCents: number;
  otherPublicFundingCents: number;
  aiJobsPlanned: number;
  dataAvailable: boolean;
  mlStaffInPlace: boolean;
  researchPartnerCount: number;
  /** Months between submission and the last milestone. */
  durationMonths: number;
  /** Other applications or agreements of the same NEQ that are still active. */
  otherActiveFilesForNeq: number;
}

export interface TargetRegionSetting {
  regionCode: string;
  regionNameFr: string;
  regionNameEn: string;
  waveNumber: number;
  opensOn: string;
}

export interface SectorSetting {
  code: string;
  labelFr: string;
  labelEn: string;
  naicsPrefixes: string[];
  useCaseCodes: string[];
}

export interface ScoreWeights {
  leverage: number;
  jobs: number;
  useCaseFit: number;
  readiness: number;
  regionWave: number;
  duration: number;
}

/** The program settings the rules read; nothing in the rules is a hard-coded figure. */
export interface ScreeningSettings {
  grantCeilingCents: number;
  /** Private money required per dollar requested, in basis points (10 000 = 1:1). */
  coInvestmentRatioBps: number;
  smeMinEmployees: number;
  smeMaxEmployees: number;
  intakeOpensOn: string;
  intakeClosesOn: string | null;
  targetRegions: TargetRegionSetting[];
  sectors: SectorSetting[];
  aiSupplierNaicsPrefixes: string[];
  weights: ScoreWeights;
  /** Leverage (private ÷ requested) that earns the full leverage points, in basis points. */
  leverageCapBps: number;
  /** AI jobs per 100 000 $ requested that earn the full job points, in hundredths. */
  fullScoreJobsPer100kHundredths: number;
  /** Projects completed within this many months earn the full duration points. */
  fullScoreDurationMonths: number;
}

/** A sentence in both languages; the figures it names are already formatted. */
export interface BilingualText {
  fr: string;
  en: string;
}

export interface RuleResult {
  ruleId: RuleId;
  verdict: RuleVerdict;
  title: BilingualText;
  message: BilingualText;
  /** The figures the rule used, raw (cents, counts, dates), for an auditor or a reviewer. */
  figures: Record<string, string | number | boolean | null>;
}

export type ScoreFactorId = keyof ScoreWeights;

export interface ScoreFactor {
  factor: ScoreFactorId;
  /** Points earned, in tenths (0 ≤ pointsTenths ≤ maxPoints × 10). */
  pointsTenths: number;
  maxPoints: number;
  label: BilingualText;
  explanation: BilingualText;
}

export interface PriorityScore {
  /** 0–100, one decimal, the sum of the factors. */
  total: number;
  factors: ScoreFactor[];
}

export interface Screening {
  ruleSetVersion: string;
  outcome: ScreeningOutcome;
  results: RuleResult[];
  score: PriorityScore;
  /** The rules that decided the outcome: every FAIL, else every NEEDS_REVIEW, else none. */
  decidingRules: RuleId[];
}
