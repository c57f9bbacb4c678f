import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, isCents } from '@fa/shared';
import { LedgerError, LedgerErrorCode } from './ledger.error';
import { LedgerRepository, StoredCommand } from './ledger.repository';
import { AccountKind, CommitmentCommand, EnvelopePosition, EntryType, GrantCommand, LedgerVerification, PostingOutcome, RefusalCode, ReleaseCommand } from './ledger.types';
import { LedgerVerifier } from './ledger-verifier';

/**
 * The envelope ledger. Each money-moving command runs inside the caller's transaction (the
 * decision that approves a grant commits its money in the same transaction), carries an
 * idempotency key, and is decided with the guarding account row locked.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly verifier: LedgerVerifier,
    private readonly clock: Clock,
  ) {}

  /**
   * Commits money of the envelope to a grant: envelope available → committed. Refused (as a
   * value, recorded under the key) when the envelope cannot cover it; the caller then commits
   * its transaction without its own changes, so a repeat gets the same refusal.
   */
  commit(manager: EntityManager, command: CommitmentCommand): Promise<PostingOutcome> {
    return this.move(manager, 'COMMITMENT', command, { from: 'ENVELOPE_AVAILABLE', to: 'COMMITTED', refusal: 'ENVELOPE_INSUFFICIENT' });
  }

  /** Returns money committed to a grant to the envelope (the reversing entry of a commitment: a reduction, a termination, a correction). */
  release(manager: EntityManager, command: ReleaseCommand): Promise<PostingOutcome> {
    return this.move(manager, 'COMMITMENT_RELEASE', command, { from: 'COMMITTED', to: 'ENVELOPE_AVAILABLE', refusal: 'COMMITMENT_INSUFFICIENT' });
  }

  /** Pays a tranche: committed → disbursed, never more than the grant has committed. */
  disburse(manager: EntityManager, command: GrantCommand): Promise<PostingOutcome> {
    return this.move(manager, 'DISBURSEMENT', command, { from: 'COMMITTED', to: 'DISBURSED', refusal: 'COMMITMENT_INSUFFICIENT' });
  }

  /** A payment that came back: disbursed → committed again (the reversing entry of a disbursement). */
  reverseDisbursement(manager: EntityManager, command: GrantCommand): Promise<PostingOutcome> {
    return this.move(manager, 'DISBURSEMENT_REVERSAL', command, { from: 'DISBURSED', to: 'COMMITTED', refusal: 'DISBURSED_INSUFFICIENT' });
  }

  /** Money paid beyond what is due becomes owed by the enterprise: disbursed → receivable. */
  recordReceivable(manager: EntityManager, command: GrantCommand): Promise<PostingOutcome> {
    return this.move(manager, 'RECEIVABLE', command, { from: 'DISBURSED', to: 'RECEIVABLE', refusal: 'DISBURSED_INSUFFICIENT' });
  }

  /**
   * Changes the envelope by `deltaCents` (an administrator's decision): more funding is
   * funding → available; less takes from what is still available, never from money committed
   * or paid (refused, recorded under the key, as ENVELOPE_INSUFFICIENT).
   */
  async adjustEnvelope(manager: EntityManager, command: { idempotencyKey: string; programCode: string; deltaCents: number; actor: string; reason: string }): Promise<PostingOutcome> {
    const amountCents = Math.abs(command.deltaCents);
    assertValid({ ...command, grantId: '', amountCents, regionCode: null, sectorCode: null });
    const requestHash = createHash('sha256').update(JSON.stringify(['ENVELOPE_FUNDING', command.programCode, command.deltaCents, command.reason])).digest('hex');
    const earlier = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (earlier) return repeat(command.idempotencyKey, earlier, requestHash);
    const available = `ENVELOPE_AVAILABLE:${command.programCode}`;
    const funding = `ENVELOPE_FUNDING:${command.programCode}`;
    const availableCents = await this.ledger.lockBalance(manager, available);
    if (availableCents === null) throw new LedgerError(LedgerErrorCode.INVALID_LEDGER_COMMAND, `No envelope for program ${command.programCode}.`);
    const raced = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (raced) return repeat(command.idempotencyKey, raced, requestHash);
    if (command.deltaCents < 0 && availableCents < amountCents) {
      const details = { availableCents, requestedCents: amountCents, missingCents: amountCents - availableCents };
      await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, { code: 'ENVELOPE_INSUFFICIENT', details });
      return { outcome: 'REFUSED', idempotencyKey: command.idempotencyKey, code: 'ENVELOPE_INSUFFICIENT', details, repeated: false };
    }
    await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, null);
    const entryId = randomUUID();
    const [debitAccount, creditAccount] = command.deltaCents > 0 ? [available, funding] : [funding, available];
    const position = await this.ledger.insertEntry(manager, {
      id: entryId, idempotencyKey: command.idempotencyKey, type: 'ENVELOPE_FUNDING', amountCents, debitAccount, creditAccount,
      grantId: null, regionCode: null, sectorCode: null, actor: command.actor, reason: command.reason, occurredAt: this.clock.now(),
    });
    return { outcome: 'POSTED', idempotencyKey: command.idempotencyKey, entryId, position, repeated: false };
  }

  /**
   * Moves `amountCents` from one account to another, under an idempotency key. Always locks the
   * envelope's available row first, then the grant's account it takes from, so no two ledger
   * commands ever wait on each other in opposite orders. Refused (recorded under the key) when
   * the account it takes from holds less than the amount.
   */
  private async move(manager: EntityManager, type: EntryType, command: GrantCommand, plan: { from: AccountKind; to: AccountKind; refusal: RefusalCode }): Promise<PostingOutcome> {
    assertValid(command);
    const requestHash = hashOf(type, command);
    const earlier = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (earlier) return repeat(command.idempotencyKey, earlier, requestHash);
    const available = `ENVELOPE_AVAILABLE:${command.programCode}`;
    const availableCents = await this.ledger.lockBalance(manager, available);
    if (availableCents === null) throw new LedgerError(LedgerErrorCode.INVALID_LEDGER_COMMAND, `No envelope for program ${command.programCode}.`);
    const from = plan.from === 'ENVELOPE_AVAILABLE' ? available : `${plan.from}:${command.grantId}`;
    const fromCents = plan.from === 'ENVELOPE_AVAILABLE' ? availableCents : ((await this.ledger.lockBalance(manager, from)) ?? 0);
    // A transaction with the same key may have finished while this one waited for the lock.
    const raced = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (raced) return repeat(command.idempotencyKey, raced, requestHash);
    if (fromCents < command.amountCents) {
      const details = { [BALANCE_NAMES[plan.from]]: fromCents, requestedCents: command.amountCents, missingCents: command.amountCents - fromCents };
      await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, { code: plan.refusal, details });
      return { outcome: 'REFUSED', idempotencyKey: command.idempotencyKey, code: plan.refusal, details, repeated: false };
    }
    await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, null);
    const to = plan.to === 'ENVELOPE_AVAILABLE' ? available : await this.ledger.ensureGrantAccount(manager, plan.to, command.programCode, command.grantId);
    const entryId = randomUUID();
    const position = await this.ledger.insertEntry(manager, {
      id: entryId, idempotencyKey: command.idempotencyKey, type, amountCents: command.amountCents, debitAccount: to, creditAccount: from,
      grantId: command.grantId, regionCode: command.regionCode, sectorCode: command.sectorCode, actor: command.actor, reason: command.reason, occurredAt: this.clock.now(),
    });
    return { outcome: 'POSTED', idempotencyKey: command.idempotencyKey, entryId, position, repeated: false };
  }

  /** Where each envelope stands now. */
  envelopes(): Promise<EnvelopePosition[]> {
    return this.verifier.envelopes(this.dataSource.manager);
  }

  /** Σ debits = Σ credits, balances equal to the journal, available + committed + disbursed + receivable + recovered = envelope, the hash chain. */
  verify(): Promise<LedgerVerification> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.verifier.verify(manager));
  }
}

function assertValid(command: CommitmentCommand): void {
  const problems = [
    ...(typeof command.idempotencyKey !== 'string' || command.idempotencyKey.length < 8 || command.idempotencyKey.length > 200 ? ['idempotencyKey must be 8 to 200 characters'] : []),
    ...(!isCents(command.amountCents) || command.amountCents <= 0 ? ['amountCents must be a positive whole number of cents'] : []),
  ];
  if (problems.length > 0) throw new LedgerError(LedgerErrorCode.INVALID_LEDGER_COMMAND, problems.join('; '), { problems });
}

/** What makes two commands "the same": every field that moves money or describes it, not who sent it. */
/** How a refusal names the balance it found short. */
const BALANCE_NAMES: Record<AccountKind, string> = {
  ENVELOPE_AVAILABLE: 'availableCents', COMMITTED: 'committedCents', DISBURSED: 'disbursedCents', RECEIVABLE: 'receivableCents',
};

function hashOf(type: EntryType, command: CommitmentCommand): string {
  const { programCode, grantId, amountCents, regionCode, sectorCode, reason } = command;
  return createHash('sha256').update(JSON.stringify([type, programCode, grantId, amountCents, regionCode, sectorCode, reason])).digest('hex');
}

function repeat(key: string, stored: StoredCommand, requestHash: string): PostingOutcome {
  if (stored.requestHash !== requestHash) {
    throw new LedgerError(LedgerErrorCode.IDEMPOTENCY_CONFLICT, 'This idempotency key was already used for a different command; nothing was written.', { idempotencyKey: key });
  }
  return stored.outcome === 'POSTED'
    ? { outcome: 'POSTED', idempotencyKey: key, entryId: stored.entryId as string, position: stored.position as number, repeated: true }
    : { outcome: 'REFUSED', idempotencyKey: key, code: stored.refusalCode as RefusalCode, details: stored.refusalDetails ?? {}, repeated: true };
}
