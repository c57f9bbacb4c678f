export interface GateInput {
  /** Public money already paid out and not returned. */
  paidCents: number;
  /** The tranche about to be released. */
  trancheCents: number;
  /** Private money spent to date, as reported and accepted. */
  privateSpentCents: number;
  /** Private money required per dollar of public money, in basis points (10000 = 1:1). */
  ratioBps: number;
}

/**
 * The co-investment gate (fund-rules.md §3, §7): after a release, the private money spent must
 * be at least the public money paid times the ratio. Answers how much private spending is
 * missing (0 when the release may go), rounded up to the cent so the gate never lets a cent through.
 */
export function coInvestmentShortfall(input: GateInput): GateInput & { paidAfterCents: number; requiredPrivateCents: number; missingPrivateCents: number } {
  const paidAfterCents = input.paidCents + input.trancheCents;
  const requiredPrivateCents = Number((BigInt(paidAfterCents) * BigInt(input.ratioBps) + 9_999n) / 10_000n);
  return { ...input, paidAfterCents, requiredPrivateCents, missingPrivateCents: Math.max(0, requiredPrivateCents - input.privateSpentCents) };
}
