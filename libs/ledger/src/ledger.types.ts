/** Kinds of entry in the journal (fund-rules.md §7–8). */
export type EntryType = 'ENVELOPE_FUNDING' | 'COMMITMENT' | 'COMMITMENT_RELEASE' | 'DISBURSEMENT' | 'DISBURSEMENT_REVERSAL' | 'RECEIVABLE' | 'RECOVERY';

/**
 * ENVELOPE_INSUFFICIENT: the envelope cannot cover a commitment; COMMITMENT_INSUFFICIENT: a grant
 * has less committed than a release or a disbursement takes; DISBURSED_INSUFFICIENT: less
 * disbursed than a reversal or a receivable takes.
 */
export type RefusalCode = 'ENVELOPE_INSUFFICIENT' | 'COMMITMENT_INSUFFICIENT' | 'DISBURSED_INSUFFICIENT';

/** The accounts a command moves money between (the envelope's, or one grant's). */
export type AccountKind = 'ENVELOPE_AVAILABLE' | 'COMMITTED' | 'DISBURSED' | 'RECEIVABLE';

/** What a money-moving command did; the same idempotency key always answers the same. */
export type PostingOutcome =
  | { outcome: 'POSTED'; idempotencyKey: string; entryId: string; position: number; repeated: boolean }
  | { outcome: 'REFUSED'; idempotencyKey: string; code: RefusalCode; details: Record<string, unknown>; repeated: boolean };

/**
 * A release of money committed to a grant back to the envelope (a reversing entry: a reduced or
 * terminated grant, a decision corrected). Same fields as a commitment.
 */
export type ReleaseCommand = CommitmentCommand;

/** Any command on one grant's money (disbursement, its reversal, a receivable): the same fields. */
export type GrantCommand = CommitmentCommand;

/** A commitment of the envelope to one grant (an approved application; its agreement keeps the id). */
export interface CommitmentCommand {
  idempotencyKey: string;
  programCode: string;
  grantId: string;
  amountCents: number;
  regionCode: string | null;
  sectorCode: string | null;
  /** An opaque id (account id or `system`): no personal information in the ledger. */
  actor: string;
  reason: string;
}

export interface EnvelopePosition {
  programCode: string;
  fundedCents: number;
  availableCents: number;
  committedCents: number;
  disbursedCents: number;
  recoveredCents: number;
  receivableCents: number;
}

export interface LedgerVerification {
  valid: boolean;
  entriesChecked: number;
  totalDebitsCents: number;
  totalCreditsCents: number;
  envelopes: EnvelopePosition[];
  /** Every broken promise found, most important first. */
  problems: string[];
  /** The first entry whose chain link or content does not match. */
  firstBadEntry: { position: number; id: string | null; reason: string } | null;
}
