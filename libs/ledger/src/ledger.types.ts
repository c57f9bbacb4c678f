/** Kinds of entry in the journal (fund-rules.md §7–8). */
export type EntryType = 'ENVELOPE_FUNDING' | 'COMMITMENT' | 'COMMITMENT_RELEASE' | 'DISBURSEMENT' | 'DISBURSEMENT_REVERSAL' | 'RECEIVABLE' | 'RECOVERY';

/** ENVELOPE_INSUFFICIENT: the envelope cannot cover a commitment; COMMITMENT_INSUFFICIENT: a grant has less committed than a release returns. */
export type RefusalCode = 'ENVELOPE_INSUFFICIENT' | 'COMMITMENT_INSUFFICIENT';

/** What a money-moving command did; the same idempotency key always answers the same. */
export type PostingOutcome =
  | { outcome: 'POSTED'; idempotencyKey: string; entryId: string; position: number; repeated: boolean }
  | { outcome: 'REFUSED'; idempotencyKey: string; code: RefusalCode; details: Record<string, unknown>; repeated: boolean };

/**
 * A release of money committed to a grant back to the envelope (a reversing entry: a reduced or
 * terminated grant, a decision corrected). Same fields as a commitment.
 */
export type ReleaseCommand = CommitmentCommand;

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
