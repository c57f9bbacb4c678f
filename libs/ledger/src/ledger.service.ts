import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, isCents } from '@fa/shared';
import { LedgerError, LedgerErrorCode } from './ledger.error';
import { LedgerRepository, StoredCommand } from './ledger.repository';
import { CommitmentCommand, EnvelopePosition, EntryType, LedgerVerification, PostingOutcome, RefusalCode, ReleaseCommand } from './ledger.types';
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
  async commit(manager: EntityManager, command: CommitmentCommand): Promise<PostingOutcome> {
    assertValid(command);
    const requestHash = hashOf('COMMITMENT', command);
    const earlier = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (earlier) return repeat(command.idempotencyKey, earlier, requestHash);
    const available = `ENVELOPE_AVAILABLE:${command.programCode}`;
    const balance = await this.ledger.lockBalance(manager, available);
    if (balance === null) throw new LedgerError(LedgerErrorCode.INVALID_LEDGER_COMMAND, `No envelope for program ${command.programCode}.`);
    // A transaction with the same key may have finished while this one waited for the lock.
    const raced = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (raced) return repeat(command.idempotencyKey, raced, requestHash);
    if (balance < command.amountCents) {
      const details = { availableCents: balance, requestedCents: command.amountCents, missingCents: command.amountCents - balance };
      return this.refuse(manager, command.idempotencyKey, requestHash, 'ENVELOPE_INSUFFICIENT', details);
    }
    await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, null);
    const committed = await this.ledger.ensureGrantAccount(manager, 'COMMITTED', command.programCode, command.grantId);
    return this.post(manager, command, 'COMMITMENT', committed, available);
  }

  private async refuse(manager: EntityManager, key: string, requestHash: string, code: RefusalCode, details: Record<string, unknown>): Promise<PostingOutcome> {
    await this.ledger.recordCommand(manager, key, requestHash, { code, details });
    return { outcome: 'REFUSED', idempotencyKey: key, code, details, repeated: false };
  }

  private async post(manager: EntityManager, command: CommitmentCommand, type: EntryType, debitAccount: string, creditAccount: string): Promise<PostingOutcome> {
    const entryId = randomUUID();
    const position = await this.ledger.insertEntry(manager, {
      id: entryId, idempotencyKey: command.idempotencyKey, type, amountCents: command.amountCents, debitAccount, creditAccount,
      grantId: command.grantId, regionCode: command.regionCode, sectorCode: command.sectorCode, actor: command.actor, reason: command.reason, occurredAt: this.clock.now(),
    });
    return { outcome: 'POSTED', idempotencyKey: command.idempotencyKey, entryId, position, repeated: false };
  }

  /**
   * Returns money committed to a grant to the envelope: committed → envelope available, the
   * reversing entry of a commitment. Refused (recorded under the key) when the grant has less
   * committed than the release asks. Locks the envelope's row first, as `commit` does, so the
   * two never wait on each other in opposite orders.
   */
  async release(manager: EntityManager, command: ReleaseCommand): Promise<PostingOutcome> {
    assertValid(command);
    const requestHash = hashOf('COMMITMENT_RELEASE', command);
    const earlier = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (earlier) return repeat(command.idempotencyKey, earlier, requestHash);
    const available = `ENVELOPE_AVAILABLE:${command.programCode}`;
    if ((await this.ledger.lockBalance(manager, available)) === null) throw new LedgerError(LedgerErrorCode.INVALID_LEDGER_COMMAND, `No envelope for program ${command.programCode}.`);
    const committed = `COMMITTED:${command.grantId}`;
    const committedCents = (await this.ledger.lockBalance(manager, committed)) ?? 0;
    const raced = await this.ledger.findCommand(manager, command.idempotencyKey);
    if (raced) return repeat(command.idempotencyKey, raced, requestHash);
    if (committedCents < command.amountCents) {
      const details = { committedCents, requestedCents: command.amountCents, missingCents: command.amountCents - committedCents };
      return this.refuse(manager, command.idempotencyKey, requestHash, 'COMMITMENT_INSUFFICIENT', details);
    }
    await this.ledger.recordCommand(manager, command.idempotencyKey, requestHash, null);
    return this.post(manager, command, 'COMMITMENT_RELEASE', available, committed);
  }

  /** Where each envelope stands now. */
  envelopes(): Promise<EnvelopePosition[]> {
    return this.verifier.envelopes(this.dataSource.manager);
  }

  /** Σ debits = Σ credits, balances equal to the journal, available + committed + disbursed + recovered = envelope, the hash chain. */
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
