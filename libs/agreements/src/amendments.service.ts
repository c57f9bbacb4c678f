import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { LedgerService, PostingOutcome } from '@fa/ledger';
import { AgreementAccess } from './agreement-access';
import { completeIfAllSettled } from './agreement-completion';
import { AgreementRepository } from './agreement.repository';
import { AgreementRecord, Tranche } from './agreement.types';
import { AgreementError, AgreementErrorCode } from './agreements.error';
import { reschedule } from './tranche-schedule';

export interface AmendmentResult {
  kind: 'REDUCTION' | 'TERMINATION';
  previousAmountCents: number;
  newAmountCents: number;
  /** Committed money returned to the envelope. */
  releasedCents: number;
  /** Money paid beyond what is now due, owed back by the enterprise. */
  receivableCents: number;
  repeated: boolean;
}

const SETTLED: Tranche['status'][] = ['RELEASED', 'PAID'];

/**
 * Amendments (fund-rules.md §7): an approver reduces an agreement's amount or terminates it,
 * with a reason and an idempotency key. Open tranches are rescheduled (or cancelled); the
 * committed money no longer needed returns to the envelope and anything paid beyond what is
 * now due becomes a receivable — each a ledger entry under a key derived from the amendment's.
 */
@Injectable()
export class AmendmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly applications: ApplicationsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  reduce(caller: IntakeCaller, agreementId: string, newAmountCents: number, reason: string, requestKey: string): Promise<AmendmentResult> {
    return this.amend(caller, agreementId, 'REDUCTION', reason, requestKey, newAmountCents, (agreement) => {
      if (!['OFFERED', 'ACCEPTED', 'SIGNED'].includes(agreement.status)) throw AgreementError.state(agreement.status, 'reduced');
      if (!Number.isSafeInteger(newAmountCents) || newAmountCents < 0 || newAmountCents >= agreement.amountCents) {
        throw new AgreementError(AgreementErrorCode.AMENDMENT_INVALID, 'A reduction sets a whole number of cents below the current amount.', { amountCents: agreement.amountCents, newAmountCents });
      }
      return newAmountCents;
    });
  }

  /** Ends the agreement: nothing more is paid; what was paid stays due unless `amountDueCents` says less. */
  terminate(caller: IntakeCaller, agreementId: string, reason: string, requestKey: string, amountDueCents: number | null): Promise<AmendmentResult> {
    return this.amend(caller, agreementId, 'TERMINATION', reason, requestKey, amountDueCents, (agreement, settledCents) => {
      if (agreement.status !== 'SIGNED') throw AgreementError.state(agreement.status, 'terminated');
      const due = amountDueCents ?? settledCents;
      if (!Number.isSafeInteger(due) || due < 0 || due > settledCents) {
        throw new AgreementError(AgreementErrorCode.AMENDMENT_INVALID, 'The amount still due on termination is at most what was paid.', { paidCents: settledCents, amountDueCents: due });
      }
      return due;
    });
  }

  private async amend(
    caller: IntakeCaller, agreementId: string, kind: AmendmentResult['kind'], reason: string, requestKey: string, requestedAmountCents: number | null,
    newAmountOf: (agreement: AgreementRecord, settledCents: number) => number,
  ): Promise<AmendmentResult> {
    const { agreement: visible } = await this.access.visible(caller, agreementId);
    return runInTransaction(this.dataSource, async (manager) => {
      await this.applications.locked(manager, visible.applicationId);
      const agreement = await this.access.lock(manager, agreementId);
      const earlier = await this.earlier(manager, agreement.id, requestKey);
      if (earlier) {
        if (earlier.kind !== kind || earlier.reason !== reason || (requestedAmountCents !== null && earlier.newAmountCents !== requestedAmountCents)) throw new AgreementError(AgreementErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different amendment of this agreement.');
        const { reason: _reason, ...result } = earlier;
        return result;
      }
      // Money in flight is neither paid nor returned yet: amend once finance has settled it, so a receivable is never booked for a payment that comes back.
      const inFlight = await this.agreements.orders(manager, { agreementId: agreement.id, status: 'ISSUED' });
      if (inFlight.length > 0) {
        throw new AgreementError(AgreementErrorCode.PAYMENT_IN_FLIGHT, 'A payment order of this agreement awaits finance: confirm it paid or returned before amending the agreement.', { paymentOrderIds: inFlight.map((order) => order.id) });
      }
      const tranches = await this.agreements.tranches(manager, agreement.id);
      const settledCents = tranches.filter((tranche) => SETTLED.includes(tranche.status)).reduce((sum, tranche) => sum + tranche.amountCents, 0);
      const openCents = tranches.filter((tranche) => !SETTLED.includes(tranche.status) && tranche.status !== 'CANCELLED').reduce((sum, tranche) => sum + tranche.amountCents, 0);
      const newAmountCents = newAmountOf(agreement, settledCents);
      const open = tranches.filter((tranche) => tranche.status !== 'CANCELLED');
      const { amounts, overpaidCents } = kind === 'TERMINATION'
        ? { amounts: open.map((tranche) => (SETTLED.includes(tranche.status) ? tranche.amountCents : 0)), overpaidCents: settledCents - newAmountCents }
        : reschedule(newAmountCents, open.map((tranche) => ({ number: tranche.number, amountCents: tranche.amountCents, settled: SETTLED.includes(tranche.status) })), agreement.trancheBps);
      const releasedCents = openCents - amounts.filter((_, index) => !SETTLED.includes(open[index].status)).reduce((sum, amount) => sum + amount, 0);
      const result: AmendmentResult = { kind, previousAmountCents: agreement.amountCents, newAmountCents, releasedCents, receivableCents: overpaidCents, repeated: false };
      await this.agreements.insertAmendment(manager, { id: randomUUID(), agreementId: agreement.id, ...result, reason, requestKey, by: caller.account.id, at: this.clock.now() });
      const command = { programCode: agreement.programCode, grantId: agreement.applicationId, regionCode: agreement.regionCode, sectorCode: agreement.sectorCode, actor: caller.account.id, reason: `${kind}: ${reason}`.slice(0, 500) };
      if (releasedCents > 0) assertPosted(await this.ledger.release(manager, { ...command, idempotencyKey: `amendment-release:${agreement.id}:${requestKey}`, amountCents: releasedCents }));
      if (overpaidCents > 0) assertPosted(await this.ledger.recordReceivable(manager, { ...command, idempotencyKey: `amendment-receivable:${agreement.id}:${requestKey}`, amountCents: overpaidCents }));
      for (const [index, tranche] of open.entries()) {
        if (SETTLED.includes(tranche.status)) continue;
        await this.agreements.setTranche(manager, agreement.id, tranche.number, amounts[index] === 0 ? { amountCents: 0, status: 'CANCELLED' } : { amountCents: amounts[index] });
      }
      await this.agreements.setAmount(manager, agreement.id, Math.max(newAmountCents, 0));
      if (kind === 'TERMINATION') {
        await this.agreements.setStatus(manager, agreement.id, 'TERMINATED', this.clock.now(), caller.account.id);
        await this.applications.changeState(manager, caller, agreement.applicationId, 'TERMINATED', reason);
      } else {
        // A reduction to what was already paid leaves nothing to pay: the agreement is complete.
        await completeIfAllSettled(manager, { agreements: this.agreements, applications: this.applications, clock: this.clock }, caller, agreement);
      }
      await this.audit.recordBy(manager, caller, kind === 'TERMINATION' ? 'agreement.terminated' : 'agreement.reduced', { type: 'application', id: agreement.applicationId }, {
        agreementId: agreement.id, previousAmountCents: result.previousAmountCents, newAmountCents, releasedCents, receivableCents: overpaidCents,
      });
      return result;
    });
  }

  private async earlier(manager: EntityManager, agreementId: string, requestKey: string): Promise<(AmendmentResult & { reason: string }) | null> {
    const rows = (await manager.query(
      `SELECT kind, reason, previous_amount_cents::text AS previous, new_amount_cents::text AS next, released_cents::text AS released, receivable_cents::text AS receivable
         FROM agreement_amendment WHERE agreement_id = $1 AND request_key = $2`,
      [agreementId, requestKey],
    )) as { kind: AmendmentResult['kind']; reason: string; previous: string; next: string; released: string; receivable: string }[];
    const row = rows[0];
    return row ? { kind: row.kind, reason: row.reason, previousAmountCents: Number(row.previous), newAmountCents: Number(row.next), releasedCents: Number(row.released), receivableCents: Number(row.receivable), repeated: true } : null;
  }
}

function assertPosted(outcome: PostingOutcome): void {
  if (outcome.outcome === 'REFUSED') throw new AgreementError(AgreementErrorCode.LEDGER_REFUSED, 'The ledger refused the amendment.', { code: outcome.code, ...outcome.details });
}
