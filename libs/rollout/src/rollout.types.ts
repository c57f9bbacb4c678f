/** What the fund achieved in one region, or in all (see docs/rollout.md for each figure's definition). */
export interface RolloutFigures {
  /** Files submitted at least once. */
  received: number;
  /** Of those, eligible: the person's confirmation of the latest screening, else the automated outcome. */
  eligible: number;
  /** Enterprises with an approved file: the SMEs funded. */
  smesFunded: number;
  /** Amount approved, as the decisions set it (cents). */
  approvedCents: number;
  /** Amount awarded now: the agreements' amounts after reductions and terminations, else the decisions' (cents). */
  awardedCents: number;
  /** Committed and not yet paid out (ledger balances of the COMMITTED accounts, cents). */
  committedCents: number;
  /** Paid out net of returns, overpayments to recover included (DISBURSED + RECEIVABLE balances, cents). */
  disbursedCents: number;
  /** AI jobs the approved files planned. */
  aiJobsPlanned: number;
  /** AI jobs created to date, as the latest accepted milestone report of each agreement says. */
  aiJobsReported: number;
}

/** A target of a period: SMEs funded and AI jobs, either possibly unset. */
export interface TargetFigures {
  smesFunded: number | null;
  aiJobs: number | null;
}

export interface RegionRollout extends RolloutFigures {
  regionCode: string;
  nameFr: string;
  nameEn: string;
  waveNumber: number;
  /** The wave takes applications on the dashboard's date. */
  open: boolean;
  /** This region's targets for the current period, if an administrator set them. */
  target: TargetFigures | null;
}

export interface RolloutPeriod {
  periodCode: string;
  labelFr: string;
  labelEn: string;
  startsOn: string;
  endsOn: string;
  target: TargetFigures;
}

export interface EnvelopePosition {
  envelopeCents: number;
  /** The most one SME may be granted. */
  grantCeilingCents: number;
  availableCents: number;
  committedCents: number;
  disbursedCents: number;
  receivableCents: number;
  /** Approved amount per SME funded so far; the grant ceiling while none is. */
  averageGrantCents: number;
  /** How many more SMEs the available envelope funds at that average. */
  moreSmesAtAverage: number;
  /** SMEs the current period's target still asks for (0 when reached or unset). */
  smesToTarget: number;
  /** The average grant that would let the available envelope fund them; null when none is needed. */
  averageGrantForTargetCents: number | null;
}

/** One calendar quarter (in the platform's time zone) of the timeline. */
export interface QuarterRollout {
  /** `2026-Q3` */
  quarter: string;
  received: number;
  approved: number;
  /** Commitments minus commitments released, in the quarter (cents). */
  committedCents: number;
  /** Disbursements minus reversals, in the quarter (cents). */
  disbursedCents: number;
}

export interface RolloutDashboard {
  programCode: string;
  /** The dashboard's date, in the platform's time zone. */
  asOf: string;
  /** The period whose targets the figures are held against (the one containing `asOf`, else the nearest). */
  period: RolloutPeriod | null;
  periods: RolloutPeriod[];
  regions: RegionRollout[];
  /** Files whose project is outside the target regions (the screening refuses them, but they were received). */
  otherRegions: RolloutFigures;
  total: RolloutFigures;
  envelope: EnvelopePosition;
  timeline: QuarterRollout[];
}
