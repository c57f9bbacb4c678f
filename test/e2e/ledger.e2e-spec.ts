import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@fa/shared';
import { LedgerError, LedgerService, PostingOutcome } from '@fa/ledger';
import { APPLICATION_ROLE } from '@fa/migrations';
import { TEST_PASSWORD, createActiveAccount } from '../support/accounts';
import { apiClient } from '../support/http-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, startWorker, testConfig } from '../support/test-apps';
import { LedgerReconciliationJobHandler } from '../../apps/worker/src/jobs/ledger-reconciliation.job';
import { spawnBuilt } from '../support/processes';

const ENVELOPE = 1_500_000_000;

describe('envelope ledger', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let ledger: LedgerService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    ledger = server.app.get(LedgerService);
    dataSource = server.app.get(DataSource);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const commitment = (overrides: Partial<Parameters<LedgerService['commit']>[1]> = {}) => ({
    idempotencyKey: `approval:${randomUUID()}`, programCode: 'FA-2026', grantId: randomUUID(), amountCents: 40_000_000,
    regionCode: '06', sectorCode: 'MANUFACTURING_ROBOTICS', actor: randomUUID(), reason: 'Approval', ...overrides,
  });
  const commit = (command: ReturnType<typeof commitment>) => runInTransaction(dataSource, (manager) => ledger.commit(manager, command));
  const entries = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_entry'))[0].n;

  it('starts with the envelope funded from the program settings, and verifies', async () => {
    const result = await ledger.verify();
    expect(result).toMatchObject({ valid: true, entriesChecked: 1, problems: [], firstBadEntry: null });
    expect(result.envelopes).toEqual([{ programCode: 'FA-2026', fundedCents: ENVELOPE, availableCents: ENVELOPE, committedCents: 0, disbursedCents: 0, recoveredCents: 0, receivableCents: 0 }]);
  });

  it('answers a repeated key with the first outcome and writes nothing twice; a different command under the key is refused', async () => {
    const command = commitment();
    const first = await commit(command);
    expect(first).toMatchObject({ outcome: 'POSTED', repeated: false });
    const count = await entries();
    await expect(commit({ ...command, actor: randomUUID() })).resolves.toEqual({ ...first, repeated: true });
    expect(await entries()).toBe(count);
    await expect(commit({ ...command, amountCents: command.amountCents + 1 })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(commit({ ...command, amountCents: command.amountCents + 1 })).rejects.toBeInstanceOf(LedgerError);
    expect(await entries()).toBe(count);
  });

  it('corrects a commitment with a reversing entry that returns money to the envelope, never more than was committed', async () => {
    const command = commitment({ amountCents: 30_000_000 });
    await commit(command);
    const before = (await ledger.envelopes())[0];
    const release = (overrides: Partial<ReturnType<typeof commitment>> = {}) =>
      runInTransaction(dataSource, (manager) => ledger.release(manager, { ...command, idempotencyKey: `release:${command.grantId}`, amountCents: 10_000_000, reason: 'Reduction', ...overrides }));
    await expect(release()).resolves.toMatchObject({ outcome: 'POSTED', repeated: false });
    await expect(release()).resolves.toMatchObject({ outcome: 'POSTED', repeated: true });
    await expect(release({ amountCents: 10_000_001 })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect((await ledger.envelopes())[0]).toMatchObject({ availableCents: before.availableCents + 10_000_000, committedCents: before.committedCents - 10_000_000 });
    // 20,000,000 remain committed to the grant: one cent more is refused, and recorded.
    await expect(release({ idempotencyKey: `release-2:${command.grantId}`, amountCents: 20_000_001 })).resolves.toMatchObject({
      outcome: 'REFUSED', code: 'COMMITMENT_INSUFFICIENT', details: { committedCents: 20_000_000, missingCents: 1 },
    });
    await expect(release({ idempotencyKey: `release-3:${randomUUID()}`, grantId: randomUUID() })).resolves.toMatchObject({ outcome: 'REFUSED', code: 'COMMITMENT_INSUFFICIENT', details: { committedCents: 0 } });
    const [entry] = await db.query<{ entry_type: string; debit_account: string; credit_account: string }>(
      "SELECT entry_type, debit_account, credit_account FROM ledger_entry WHERE idempotency_key = $1", [`release:${command.grantId}`],
    );
    expect(entry).toEqual({ entry_type: 'COMMITMENT_RELEASE', debit_account: 'ENVELOPE_AVAILABLE:FA-2026', credit_account: `COMMITTED:${command.grantId}` });
    await expect(ledger.verify()).resolves.toMatchObject({ valid: true, problems: [] });
  });

  it('pays committed money out, takes a returned payment back, and turns an overpayment into a receivable, every invariant holding', async () => {
    const command = commitment({ amountCents: 10_000_000 });
    await commit(command);
    const on = (name: 'disburse' | 'reverseDisbursement' | 'recordReceivable', key: string, amountCents: number) =>
      runInTransaction(dataSource, (manager) => ledger[name](manager, { ...command, idempotencyKey: `${key}:${command.grantId}`, amountCents, reason: key }));
    const balances = async () => Object.fromEntries((await db.query<{ kind: string; balance: string }>('SELECT kind, balance_cents::text AS balance FROM ledger_account WHERE grant_id = $1', [command.grantId])).map((row) => [row.kind, Number(row.balance)]));
    await expect(on('disburse', 'tranche-1', 4_000_000)).resolves.toMatchObject({ outcome: 'POSTED' });
    await expect(on('disburse', 'tranche-2', 6_000_001)).resolves.toMatchObject({ outcome: 'REFUSED', code: 'COMMITMENT_INSUFFICIENT', details: { committedCents: 6_000_000, missingCents: 1 } });
    expect(await balances()).toEqual({ COMMITTED: 6_000_000, DISBURSED: 4_000_000 });
    await expect(on('reverseDisbursement', 'returned-1', 4_000_000)).resolves.toMatchObject({ outcome: 'POSTED' });
    await expect(on('reverseDisbursement', 'returned-2', 1)).resolves.toMatchObject({ outcome: 'REFUSED', code: 'DISBURSED_INSUFFICIENT' });
    await expect(on('disburse', 'tranche-1-again', 4_000_000)).resolves.toMatchObject({ outcome: 'POSTED' });
    await expect(on('recordReceivable', 'overpaid', 1_500_000)).resolves.toMatchObject({ outcome: 'POSTED' });
    expect(await balances()).toEqual({ COMMITTED: 6_000_000, DISBURSED: 2_500_000, RECEIVABLE: 1_500_000 });
    const result = await ledger.verify();
    expect(result).toMatchObject({ valid: true, problems: [] });
    expect(result.envelopes[0].receivableCents).toBe(1_500_000);
  });

  it('refuses invalid amounts before anything is written', async () => {
    for (const amountCents of [0, -5, 1.5]) await expect(commit(commitment({ amountCents }))).rejects.toMatchObject({ code: 'INVALID_LEDGER_COMMAND' });
  });

  it('lets exactly as many of 200 concurrent commitments through as the envelope has room for, every invariant to the cent', async () => {
    const { availableCents } = (await ledger.envelopes())[0];
    const each = 40_000_000;
    const room = 5;
    // Fill the envelope so that exactly `room` commitments fit, with 1 cent to spare.
    await commit(commitment({ amountCents: availableCents - room * each - 1 }));
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => commit(commitment({ amountCents: each }))));
    const posted = outcomes.filter((outcome) => outcome.outcome === 'POSTED');
    const refused = outcomes.filter((outcome): outcome is Extract<PostingOutcome, { outcome: 'REFUSED' }> => outcome.outcome === 'REFUSED');
    expect(posted.length).toBe(room);
    expect(refused.length).toBe(200 - room);
    expect(refused[0]).toMatchObject({ code: 'ENVELOPE_INSUFFICIENT', details: { availableCents: 1, requestedCents: each } });
    const result = await ledger.verify();
    expect(result).toMatchObject({ valid: true, problems: [] });
    const { availableCents: left, committedCents, disbursedCents, receivableCents } = result.envelopes[0];
    expect(left).toBe(1);
    expect(committedCents + disbursedCents + receivableCents).toBe(ENVELOPE - 1);
  });

  it('repeats a refusal under its key even once money is available again, while a new key is decided afresh', async () => {
    const refusedCommand = commitment({ amountCents: 2 });
    await expect(commit(refusedCommand)).resolves.toMatchObject({ outcome: 'REFUSED', code: 'ENVELOPE_INSUFFICIENT' });
    // Room appears: the envelope is topped up by an entry (an administrator's amendment, in issue 7).
    await db.query(`INSERT INTO ledger_command (idempotency_key, request_hash, outcome) VALUES ('top-up:test', repeat('a', 64), 'POSTED')`);
    await db.query(`INSERT INTO ledger_entry (id, position, idempotency_key, entry_type, amount_cents, debit_account, credit_account, actor, reason, occurred_at, previous_hash, hash)
                    VALUES (gen_random_uuid(), 0, 'top-up:test', 'ENVELOPE_FUNDING', 100, 'ENVELOPE_AVAILABLE:FA-2026', 'ENVELOPE_FUNDING:FA-2026', 'system', 'Top-up', now(), '', '')`);
    expect((await ledger.envelopes())[0].availableCents).toBe(101);
    await expect(commit(refusedCommand)).resolves.toMatchObject({ outcome: 'REFUSED', repeated: true, details: { availableCents: 1 } });
    await expect(commit(commitment({ amountCents: 2 }))).resolves.toMatchObject({ outcome: 'POSTED' });
    await expect(ledger.verify()).resolves.toMatchObject({ valid: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the journal to everyone, and the application role lacks the privileges', async () => {
    await expect(db.query('UPDATE ledger_entry SET amount_cents = 1')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM ledger_entry')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE ledger_entry CASCADE')).rejects.toThrow(/append-only|cannot truncate/);
    await expect(db.query('UPDATE ledger_account SET balance_cents = 0')).rejects.toThrow(/changes only when a ledger entry is inserted/);
    await expect(db.query('DELETE FROM ledger_command')).rejects.toThrow(/append-only/);
    const asApplication = async (sql: string) => {
      await db.query(`SET ROLE ${APPLICATION_ROLE}`);
      try {
        await db.query(sql);
      } finally {
        await db.query('RESET ROLE');
      }
    };
    await expect(asApplication('UPDATE ledger_entry SET reason = reason')).rejects.toThrow(/permission denied/);
    await expect(asApplication('DELETE FROM ledger_entry')).rejects.toThrow(/permission denied/);
    await expect(asApplication('TRUNCATE ledger_entry')).rejects.toThrow(/permission denied/);
    await expect(asApplication('SELECT count(*) FROM ledger_entry')).resolves.toBeUndefined();
  });

  it('verifies from the command line, exit code 0 while the ledger holds', async () => {
    const cli = spawnBuilt('cli', ['ledger:verify'], { DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
    await expect(cli.exited).resolves.toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain('VALID: debits equal credits');
    // 15 M$ and the 1,00 $ top-up of the previous test.
    expect(cli.output()).toMatch(/FA-2026: envelope 15\s000\s001,00\s\$/);
  });

  it('is verified every night by the worker, as the command line does', async () => {
    const worker = await startWorker(testConfig(db.url));
    try {
      await expect(worker.get(LedgerReconciliationJobHandler).reconcile()).resolves.toEqual({ valid: true, entriesChecked: await entries() });
    } finally {
      await worker.close();
    }
  });

  it('names the first entry a superuser altered behind the triggers', async () => {
    const [target] = await db.query<{ id: string; position: number }>('SELECT id, position::int AS position FROM ledger_entry ORDER BY position LIMIT 1 OFFSET 3');
    await db.query('ALTER TABLE ledger_entry DISABLE TRIGGER USER');
    try {
      await db.query('UPDATE ledger_entry SET amount_cents = amount_cents + 100 WHERE id = $1', [target.id]);
    } finally {
      await db.query('ALTER TABLE ledger_entry ENABLE TRIGGER USER');
    }
    const result = await ledger.verify();
    expect(result.valid).toBe(false);
    expect(result.firstBadEntry).toEqual({ position: target.position, id: target.id, reason: 'its content does not match its hash' });
    expect(result.problems.join(' ')).toMatch(/balance .* from the journal/);
    const cli = spawnBuilt('cli', ['ledger:verify'], { DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
    await expect(cli.exited).resolves.toMatchObject({ code: 1 });
    expect(cli.output()).toContain(`First bad entry: position ${target.position} (id ${target.id})`);
  });

  it('shows the verification to auditors through the API, and to no applicant', async () => {
    await createActiveAccount(server.app, { email: 'aude@iq.example', role: 'AUDITOR' });
    await createActiveAccount(server.app, { email: 'pme@ledger.example', role: 'APPLICANT' });
    const api = apiClient(server.url);
    const token = async (email: string) => (await api.post('/api/v1/auth/token', { email, password: TEST_PASSWORD })).body.accessToken as string;
    const verification = await api.get('/api/v1/ledger/verify', { token: await token('aude@iq.example') });
    expect(verification).toMatchObject({ status: 200, body: { valid: false, firstBadEntry: { reason: 'its content does not match its hash' } } });
    await expect(api.get('/api/v1/ledger/verify', { token: await token('pme@ledger.example') })).resolves.toMatchObject({ status: 403 });
  });
});
