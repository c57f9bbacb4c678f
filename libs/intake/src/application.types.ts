import type { ApplicationState } from './application-state';

export const CO_INVESTMENT_SOURCE_TYPES = ['OWN_FUNDS', 'BANK_LOAN', 'PRIVATE_INVESTOR', 'CLIENT_CONTRIBUTION', 'OTHER_PRIVATE'] as const;
export type CoInvestmentSourceType = (typeof CO_INVESTMENT_SOURCE_TYPES)[number];

export const ATTACHMENT_CATEGORIES = ['CO_INVESTMENT_EVIDENCE', 'FINANCIAL_STATEMENTS', 'PROJECT_PLAN', 'OTHER'] as const;
/** Evidence of private spending attached to a milestone report, once the agreement is signed. */
export const MILESTONE_EVIDENCE = 'MILESTONE_EVIDENCE';
export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number] | typeof MILESTONE_EVIDENCE;

export const AI_ROLES = ['ADOPTER', 'SUPPLIER'] as const;
export type AiRole = (typeof AI_ROLES)[number];

/** The use-case answer for a project outside the sector's flagship use cases. */
export const OTHER_USE_CASE = 'OTHER';

/** One private co-investment source; its commitment evidence is an attachment of the application. */
export interface CoInvestmentSource {
  sourceName: string;
  sourceType: CoInvestmentSourceType;
  amountCents: number;
  evidenceAttachmentId: string | null;
}

export interface Milestone {
  title: string;
  dueOn: string;
}

/** What the applicant writes in an application, section by section. Null means "not answered yet". */
export interface ApplicationContent {
  title: string | null;
  description: string | null;
  sectorCode: string | null;
  useCaseCode: string | null;
  aiApproach: string | null;
  dataAvailable: boolean | null;
  dataDescription: string | null;
  mlStaffInPlace: boolean | null;
  researchPartners: string[];
  totalProjectCostCents: number | null;
  amountRequestedCents: number | null;
  otherPublicFundingCents: number | null;
  coInvestments: CoInvestmentSource[];
  aiJobsPlanned: number | null;
  milestones: Milestone[];
  declaresAccuracy: boolean;
  consentsToProcessing: boolean;
  acknowledgesAutomatedScreening: boolean;
}

export type ApplicationPatch = Partial<ApplicationContent>;

export interface ApplicationRecord extends ApplicationContent {
  id: string;
  programCode: string;
  organizationId: string;
  trackingNumber: string | null;
  status: ApplicationState;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

export interface OrganizationProfile {
  streetAddress: string | null;
  city: string | null;
  postalCode: string | null;
  regionCode: string | null;
  naicsCode: string | null;
  employees: number | null;
  annualRevenueCents: number | null;
  aiRole: AiRole | null;
  clientSectorCode: string | null;
}

export type OrganizationProfilePatch = Partial<OrganizationProfile>;

export interface AttachmentRecord {
  id: string;
  applicationId: string;
  category: AttachmentCategory;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
}

/** What a reviewer's work queue shows of a submitted file. */
export interface QueueItem {
  id: string;
  trackingNumber: string | null;
  status: ApplicationState;
  title: string | null;
  amountRequestedCents: number | null;
  sectorCode: string | null;
  /** The region as screened (the project's establishment at submission). */
  regionCode: string | null;
  screeningOutcome: string | null;
  priorityScore: number | null;
  submittedAt: Date | null;
}

export interface QueueFilter {
  statuses: ApplicationState[];
  regionCode?: string;
  sectorCode?: string;
  outcome?: string;
  /** Only these files (another context's selection, e.g. the files assigned to a reviewer). */
  onlyIds?: string[];
  /** None of these files. */
  exceptIds?: string[];
  /** `score`: highest priority first; `age`: oldest submission first. */
  sort: 'score' | 'age';
  limit: number;
}

/** One line of the file's timeline: a change of state, or the applicant's request for a human re-examination. */
export interface ApplicationEvent {
  kind: 'STATE_CHANGE' | 'REEXAMINATION_REQUESTED';
  occurredAt: Date;
  fromStatus: ApplicationState | null;
  toStatus: ApplicationState | null;
  reason: string | null;
}
