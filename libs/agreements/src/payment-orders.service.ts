import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, centsAsDecimal, csvText, isUuid, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { LedgerService } from '@fa/ledger';
import { AgreementAccess } from './agreement-access';
import { completeIfAllSettled } from './agreement-completion';
import { AgreementRepository } from './agreement.repository';
import { AgreementRecord, PaymentOrder, PaymentOrderStatus } from './agreement.types';
import { AgreementError, AgreementErrorCode } from './agreements.error';

/** A payment order as the finance system receives it: the payee and the amount. */
export interface PaymentOrderLine extends PaymentOrder {
  payeeName: string;
  payeeNeq: string;
  trackingNumber: string | null;
}

/**
 * Payment orders (fund-rules.md §7): issued by a release, listed and exported for the finance
 * system, then confirmed paid — the last one completes the agreement — or returned, which
 * reverses the disbursement in the ledger and makes the tranche releasable again (or, on a
 * terminated agreement, returns the money to the envelope).
 */
@Injectable()
export class PaymentOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly applications: ApplicationsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  list(status?: PaymentOrderStatus): Promise<PaymentOrderLine[]> {
    return this.dataSource.query(
      `SELECT p.id, p.number::int AS number, p.agreement_id AS "agreementId", p.tranche_number AS "trancheNumber", p.amount_cents::text AS "amountCents", p.status,
              p.issued_at AS "issuedAt", p.issued_by AS "issuedBy", p.settled_at AS "settledAt", p.settlement_reference AS "settlementReference", p.return_reason AS "returnReason",
              o.legal_name AS "payeeName", o.neq AS "payeeNeq", a.tracking_number AS "trackingNumber"
         FROM payment_order p JOIN agreement g ON g.id = p.agreement_id JOIN organization o ON o.id = g.organization_id JOIN application a ON a.id = g.application_id
        WHERE $1::text IS NULL OR p.status = $1 ORDER BY p.number`,
      [status ?? null],
    ).then((rows: (PaymentOrderLine & { amountCents: string })[]) => rows.map((row) => ({ ...row, amountCents: Number(row.amountCents) })));
  }

  /** The finance system's file: one line per order, amounts in dollars with two decimals (from cents, no floats). */
  async csv(status?: PaymentOrderStatus): Promise<string> {
    const header = ['order_number', 'order_id', 'status', 'payee_name', 'payee_neq', 'tracking_number', 'tranche', 'amount', 'currency', 'issued_at', 'settled_at', 'settlement_reference'];
    const lines = (await this.list(status)).map((order) => [
      String(order.number), order.id, order.status, order.payeeName, order.payeeNeq, order.trackingNumber ?? '', String(order.trancheNumber),
      centsAsDecimal(order.amountCents), 'CAD', order.issuedAt.toISOString(), order.settledAt?.toISOString() ?? '', order.settlementReference ?? '',
    ]);
    return csvText([header, ...lines]);
  }

  async markPaid(caller: IntakeCaller, orderId: string, reference: string): Promise<PaymentOrder> {
    return this.settle(caller, orderId, async (manager, order, agreement) => {
      await this.agreements.settleOrder(manager, order.id, { status: 'PAID', at: this.clock.now(), by: caller.account.id, reference, returnReason: null, reversalKey: null });
      await this.agreements.setTranche(manager, agreement.id, order.trancheNumber, { status: 'PAID' });
      await completeIfAllSettled(manager, { agreements: this.agreements, applications: this.applications, clock: this.clock }, caller, agreement);
      await this.audit.recordBy(manager, caller, 'agreement.payment_confirmed', { type: 'application', id: agreement.applicationId }, { paymentOrderId: order.id, reference });
    });
  }

  async markReturned(caller: IntakeCaller, orderId: string, reason: string): Promise<PaymentOrder> {
    return this.settle(caller, orderId, async (manager, order, agreement) => {
      const command = { programCode: agreement.programCode, grantId: agreement.applicationId, amountCents: order.amountCents, regionCode: agreement.regionCode, sectorCode: agreement.sectorCode, actor: caller.account.id };
      const reversalKey = `payment-returned:${order.id}`;
      const reversed = await this.ledger.reverseDisbursement(manager, { ...command, idempotencyKey: reversalKey, reason: `Payment order ${order.number} returned` });
      if (reversed.outcome === 'REFUSED') throw new AgreementError(AgreementErrorCode.LEDGER_REFUSED, 'The ledger refused the reversal.', { code: reversed.code, ...reversed.details });
      await this.agreements.settleOrder(manager, order.id, { status: 'RETURNED', at: this.clock.now(), by: caller.account.id, reference: null, returnReason: reason, reversalKey });
      if (agreement.status === 'TERMINATED') {
        // Nothing more is paid on a terminated agreement: the money goes back to the envelope.
        const released = await this.ledger.release(manager, { ...command, idempotencyKey: `payment-returned-release:${order.id}`, reason: `Payment order ${order.number} returned after termination` });
        if (released.outcome === 'REFUSED') throw new AgreementError(AgreementErrorCode.LEDGER_REFUSED, 'The ledger refused the release.', { code: released.code, ...released.details });
        await this.agreements.setTranche(manager, agreement.id, order.trancheNumber, { status: 'CANCELLED' });
      } else {
        await this.agreements.setTranche(manager, agreement.id, order.trancheNumber, { status: 'RELEASABLE' });
      }
      await this.audit.recordBy(manager, caller, 'agreement.payment_returned', { type: 'application', id: agreement.applicationId }, { paymentOrderId: order.id, ledgerIdempotencyKey: reversalKey });
    });
  }

  private async settle(caller: IntakeCaller, orderId: string, apply: (manager: EntityManager, order: PaymentOrder, agreement: AgreementRecord) => Promise<void>): Promise<PaymentOrder> {
    const found = isUuid(orderId) ? await this.agreements.findOrder(this.dataSource.manager, orderId) : null;
    if (!found) throw new AgreementError(AgreementErrorCode.PAYMENT_ORDER_NOT_FOUND, 'No such payment order.');
    const { agreement } = await this.access.visible(caller, found.agreementId);
    await runInTransaction(this.dataSource, async (manager) => {
      await this.applications.locked(manager, agreement.applicationId);
      const locked = await this.access.lock(manager, agreement.id);
      const order = (await this.agreements.findOrder(manager, orderId, true))!;
      if (order.status !== 'ISSUED') throw new AgreementError(AgreementErrorCode.PAYMENT_ORDER_SETTLED, `This payment order is already ${order.status.toLowerCase()}.`, { status: order.status, settlementReference: order.settlementReference });
      await apply(manager, order, locked);
    });
    return (await this.agreements.findOrder(this.dataSource.manager, orderId))!;
  }
}
