export type AgreementStatus = 'OFFERED' | 'ACCEPTED' | 'SIGNED' | 'COMPLETED' | 'TERMINATED';
export type TrancheStatus = 'PENDING' | 'RELEASABLE' | 'RELEASED' | 'PAID' | 'CANCELLED';
export type PaymentOrderStatus = 'ISSUED' | 'PAID' | 'RETURNED';

export interface AgreementRecord {
  id: string;
  applicationId: string;
  decisionId: string;
  organizationId: string;
  programCode: string;
  regionCode: string | null;
  sectorCode: string | null;
  amountCents: number;
  originalAmountCents: number;
  trancheBps: number[];
  status: AgreementStatus;
  createdAt: Date;
  acceptedAt: Date | null;
  signedAt: Date | null;
  signedBy: string | null;
  endedAt: Date | null;
}

/** An agreement as a list shows it. */
export interface AgreementSummary extends AgreementRecord {
  organizationName: string;
  trackingNumber: string | null;
  title: string | null;
}

export interface Tranche {
  number: number;
  amountCents: number;
  /** null for the first tranche (released at signature); otherwise the milestone whose accepted report makes it releasable. */
  milestoneNumber: number | null;
  status: TrancheStatus;
}

export interface AgreementMilestone {
  number: number;
  title: string;
  dueOn: string;
  final: boolean;
}

export interface MilestoneReport {
  id: string;
  milestoneNumber: number;
  progress: string;
  aiJobsToDate: number;
  privateSpentToDateCents: number;
  evidenceAttachmentIds: string[];
  submittedAt: Date;
  submittedBy: string;
  review: { outcome: 'ACCEPTED' | 'RETURNED'; comments: string | null; reviewerAccountId: string; reviewedAt: Date } | null;
}

export interface PaymentOrder {
  id: string;
  number: number;
  agreementId: string;
  trancheNumber: number;
  amountCents: number;
  status: PaymentOrderStatus;
  issuedAt: Date;
  issuedBy: string;
  settledAt: Date | null;
  settlementReference: string | null;
  returnReason: string | null;
}

/** An agreement with everything the parties read on it. */
export interface AgreementView extends AgreementRecord {
  organizationName: string;
  neq: string;
  trackingNumber: string | null;
  title: string | null;
  tranches: Tranche[];
  milestones: AgreementMilestone[];
  reports: MilestoneReport[];
  paymentOrders: PaymentOrder[];
  /** Public money paid out and not returned (released or paid orders). */
  paidCents: number;
  /** Private money spent to date: the highest cumulative figure among accepted reports. */
  privateSpentCents: number;
}
