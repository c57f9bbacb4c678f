import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AccountsService, AuditTrail } from '@fa/identity';
import { ApplicationsService, IntakeCaller } from '@fa/intake';
import { LedgerService } from '@fa/ledger';
import { Outbox } from '@fa/notifications';
import { ProgramsService } from '@fa/programs';
import { DecisionsService } from '@fa/review';
import { AgreementAccess } from './agreement-access';
import { AgreementRepository } from './agreement.repository';
import { PaymentOrder } from './agreement.types';
import { AgreementError, AgreementErrorCode } from './agreements.error';
import { paidOf, privateSpentOf } from './agreements.service';
import { coInvestmentShortfall } from './co-investment-gate';

/**
 * Releasing a tranche (fund-rules.md §7): by an approver who accepted none of the agreement's
 * reports (four eyes), only while the tranche is releasable, and only if after it the public
 * money paid stays within the private money spent as reported and accepted (1:1 by default).
 * In one transaction: committed → disbursed in the ledger, a payment order for the finance
 * system, the tranche released, the file ACTIVE, the audit record and the enterprise's mail.
 */
@Injectable()
export class TrancheReleasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly access: AgreementAccess,
    private readonly applications: ApplicationsService,
    private readonly ledger: LedgerService,
    private readonly programs: ProgramsService,
    private readonly decisions: DecisionsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async release(caller: IntakeCaller, agreementId: string, trancheNumber: number, requestKey: string): Promise<{ order: PaymentOrder; repeated: boolean }> {
    const { agreement } = await this.access.visible(caller, agreementId);
    const { coInvestmentRatioBps } = await this.programs.getSettings(agreement.programCode);
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, agreement.applicationId);
    const submitter = submitterId ? await this.accounts.findById(submitterId) : null;
    const disbursementKey = `disbursement:${agreement.id}:${trancheNumber}:${requestKey}`;
    return runInTransaction(this.dataSource, async (manager) => {
      // The file's row first, as every use case on it does, then the agreement's, then the ledger's.
      const application = await this.applications.locked(manager, agreement.applicationId);
      const locked = await this.access.lock(manager, agreementId);
      const orders = await this.agreements.orders(manager, { agreementId: locked.id });
      const earlier = (await manager.query('SELECT id, agreement_id AS "agreementId", tranche_number AS "trancheNumber" FROM payment_order WHERE request_key = $1', [requestKey])) as { id: string; agreementId: string; trancheNumber: number }[];
      if (earlier.length > 0) {
        if (earlier[0].agreementId !== locked.id || earlier[0].trancheNumber !== trancheNumber) {
          throw new AgreementError(AgreementErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for another release.');
        }
        return { order: orders.find((order) => order.id === earlier[0].id)!, repeated: true };
      }
      if (locked.status !== 'SIGNED') throw AgreementError.state(locked.status, 'paid out');
      const tranche = (await this.agreements.tranches(manager, locked.id)).find((candidate) => candidate.number === trancheNumber);
      if (!tranche || tranche.status !== 'RELEASABLE' || tranche.amountCents === 0) {
        throw new AgreementError(AgreementErrorCode.TRANCHE_NOT_RELEASABLE, 'This tranche cannot be released now.', { trancheNumber, status: tranche?.status ?? null });
      }
      const reports = await this.agreements.reports(manager, locked.id);
      if (reports.some((report) => report.review?.reviewerAccountId === caller.account.id) || (await this.decisions.tookPartInReview(manager, locked.applicationId, caller.account.id))) {
        throw new AgreementError(AgreementErrorCode.FOUR_EYES_RELEASE, 'You took part in the review of this file or of a report of its agreement: another approver releases its tranches.');
      }
      const gate = coInvestmentShortfall({ paidCents: paidOf(orders), trancheCents: tranche.amountCents, privateSpentCents: privateSpentOf(reports), ratioBps: coInvestmentRatioBps });
      if (gate.missingPrivateCents > 0) {
        throw new AgreementError(AgreementErrorCode.CO_INVESTMENT_GATE, 'After this release, public money paid would exceed the private money spent as reported and accepted.', { ...gate });
      }
      const posting = await this.ledger.disburse(manager, {
        idempotencyKey: disbursementKey, programCode: locked.programCode, grantId: locked.applicationId, amountCents: tranche.amountCents,
        regionCode: locked.regionCode, sectorCode: locked.sectorCode, actor: caller.account.id, reason: `Tranche ${trancheNumber} of ${application.trackingNumber ?? application.id}`,
      });
      if (posting.outcome === 'REFUSED') throw new AgreementError(AgreementErrorCode.LEDGER_REFUSED, 'The ledger refused the disbursement.', { code: posting.code, ...posting.details });
      const order = { id: randomUUID(), agreementId: locked.id, trancheNumber, amountCents: tranche.amountCents, status: 'ISSUED' as const, issuedAt: this.clock.now(), issuedBy: caller.account.id, disbursementKey, requestKey };
      const number = await this.agreements.insertOrder(manager, order);
      await this.agreements.setTranche(manager, locked.id, trancheNumber, { status: 'RELEASED' });
      if (application.status === 'AGREEMENT_SIGNED') await this.applications.changeState(manager, caller, application.id, 'ACTIVE', null);
      await this.audit.recordBy(manager, caller, 'agreement.tranche_released', { type: 'application', id: application.id }, {
        agreementId: locked.id, trancheNumber, amountCents: tranche.amountCents, paymentOrderId: order.id, ledgerIdempotencyKey: disbursementKey,
      });
      if (submitter) {
        await this.outbox.enqueue(manager, {
          type: 'tranche-released',
          to: { email: submitter.email, name: submitter.displayName },
          locale: submitter.preferredLocale,
          payload: { trackingNumber: application.trackingNumber, title: application.title, trancheNumber, amountCents: tranche.amountCents, agreementUrl: `${this.config.PUBLIC_URL}/agreements/${locked.id}` },
        });
      }
      return { order: { ...order, number, settledAt: null, settlementReference: null, returnReason: null }, repeated: false };
    });
  }
}
