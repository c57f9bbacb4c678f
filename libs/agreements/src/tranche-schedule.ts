/**
 * Tranche amounts in cents (fund-rules.md §7): each tranche its share of the amount in basis
 * points, rounded down, and the last tranche takes the rounding remainder, so they always sum to
 * the amount to the cent. Pure, for the agreements, the amendments and the tests.
 */
export function trancheAmounts(amountCents: number, trancheBps: readonly number[]): number[] {
  if (trancheBps.length === 0 || trancheBps.some((bps) => !Number.isInteger(bps) || bps <= 0) || trancheBps.reduce((sum, bps) => sum + bps, 0) !== 10_000) {
    throw new RangeError('A tranche schedule needs positive whole basis points summing to 10000');
  }
  return proportionalSplit(amountCents, trancheBps);
}

/** `amountCents` split in proportion to whole positive weights, each share rounded down, the last taking the remainder. */
export function proportionalSplit(amountCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError('amountCents must be a whole, non-negative number of cents');
  const total = BigInt(weights.reduce((sum, weight) => sum + weight, 0));
  // BigInt: amount × weight can pass 2^53 for large amounts.
  const parts = weights.slice(0, -1).map((weight) => Number((BigInt(amountCents) * BigInt(weight)) / total));
  return [...parts, amountCents - parts.reduce((sum, part) => sum + part, 0)];
}

export interface ScheduledTranche {
  number: number;
  amountCents: number;
  /** Released or paid tranches keep their amount; the others are rescheduled. */
  settled: boolean;
}

/**
 * The tranches after the agreement's amount changes to `newAmountCents`: settled tranches keep
 * their amounts; open ones share what remains in the proportions of the schedule (the last open
 * one takes the remainder), 0 when nothing remains. What was settled beyond the new amount is
 * the overpayment.
 */
export function reschedule(newAmountCents: number, tranches: readonly ScheduledTranche[], trancheBps: readonly number[]): { amounts: number[]; overpaidCents: number } {
  const settledCents = tranches.filter((tranche) => tranche.settled).reduce((sum, tranche) => sum + tranche.amountCents, 0);
  const open = tranches.filter((tranche) => !tranche.settled);
  const shares = open.length === 0 ? [] : proportionalSplit(Math.max(0, newAmountCents - settledCents), open.map((tranche) => trancheBps[tranche.number - 1] ?? 1));
  const byNumber = new Map(open.map((tranche, index) => [tranche.number, shares[index]]));
  return {
    amounts: tranches.map((tranche) => (tranche.settled ? tranche.amountCents : (byNumber.get(tranche.number) ?? 0))),
    overpaidCents: Math.max(0, settledCents - newAmountCents),
  };
}
