import { DataSource } from 'typeorm';
import { AuditEntry, AuditTrail } from '@fa/identity';
import { createActiveAccount } from '../support/accounts';
import { apiClient } from '../support/http-client';
import { portalClient } from '../support/portal-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const entry = (action: string, objectId = 'acc-1'): AuditEntry => ({
  actor: { accountId: null, label: 'marie@example.org' },
  action,
  object: { type: 'account', id: objectId },
  outcome: 'SUCCESS',
  clientAddress: '127.0.0.1',
  details: { role: 'APPLICANT' },
});

describe('audit trail', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let trail: AuditTrail;
  let dataSource: DataSource;

  beforeEach(async () => {
    db = await createTestDatabase();
    server = await startServer(testConfig(db.url));
    trail = server.app.get(AuditTrail);
    dataSource = server.app.get(DataSource);
  });

  afterEach(async () => {
    await server?.close();
    await db?.drop();
  });

  const record = (action: string, objectId?: string) => dataSource.transaction((manager) => trail.record(manager, entry(action, objectId)));

  it('chains every entry to the previous one, in commit order, even when written concurrently', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, index) => record('auth.login', `acc-${index}`)));
    const rows = await db.query<{ chain_position: string; previous_hash: string; hash: string }>('SELECT chain_position, previous_hash, hash FROM audit_event ORDER BY chain_position');
    expect(rows.map((row) => Number(row.chain_position))).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(rows[0].previous_hash).toBe('0'.repeat(64));
    for (let index = 1; index < rows.length; index++) expect(rows[index].previous_hash).toBe(rows[index - 1].hash);
    await expect(trail.verifyChain()).resolves.toEqual({ valid: true, rowsChecked: 40 });
  });

  it('keeps no entry of a change that rolled back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await trail.record(manager, entry('account.created'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.query('SELECT 1 FROM audit_event')).toEqual([]);
    await record('account.created');
    await expect(trail.verifyChain()).resolves.toEqual({ valid: true, rowsChecked: 1 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and any move of the chain head', async () => {
    await record('auth.login');
    await expect(db.query("UPDATE audit_event SET outcome = 'FAILURE'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(db.query("UPDATE audit_chain_head SET hash = repeat('1', 64)")).rejects.toThrow(/moves only when an audit event is inserted/);
    expect(await db.query("SELECT outcome FROM audit_event")).toEqual([{ outcome: 'SUCCESS' }]);
  });

  describe('when someone with the owner rights switches the protection off', () => {
    const bypass = async (sql: string) => {
      await db.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
      try {
        await db.query(sql);
      } finally {
        await db.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
      }
    };

    beforeEach(async () => {
      for (const action of ['auth.login', 'account.created', 'account.role_changed', 'account.disabled']) await record(action);
    });

    it('names a changed row as the first break', async () => {
      await bypass("UPDATE audit_event SET details = '{\"role\": \"ADMINISTRATOR\"}' WHERE chain_position = 2");
      const result = await trail.verifyChain();
      expect(result).toMatchObject({ valid: false, firstBreak: { chainPosition: 2, code: 'CONTENT_MISMATCH', reason: 'its content does not match its hash' } });
    });

    it('names the row after a removed one', async () => {
      await bypass('DELETE FROM audit_event WHERE chain_position = 3');
      await expect(trail.verifyChain()).resolves.toMatchObject({ valid: false, firstBreak: { chainPosition: 4, code: 'ROW_MISSING', reason: 'a row before this one is missing' } });
    });

    it('notices rows removed from the end', async () => {
      await bypass('DELETE FROM audit_event WHERE chain_position = 4');
      await expect(trail.verifyChain()).resolves.toMatchObject({ valid: false, firstBreak: { chainPosition: 4, id: null } });
    });
  });

  describe('browsing, for administrators and auditors', () => {
    const PASSWORD = 'érable rouge au printemps 2026';

    it('filters by action prefix and outcome, pages by chain position, and checks the chain', async () => {
      await createActiveAccount(server.app, { email: 'audit@iq.example', role: 'AUDITOR', password: PASSWORD });
      for (let index = 0; index < 5; index++) await record('auth.login', `acc-${index}`);
      await dataSource.transaction((manager) => trail.record(manager, { ...entry('auth.login', 'acc-x'), outcome: 'FAILURE' }));
      const api = apiClient(server.url);
      const token = (await api.post('/api/v1/auth/token', { email: 'audit@iq.example', password: PASSWORD })).body.accessToken as string;

      const failures = await api.get('/api/v1/audit-events?action=auth.&outcome=FAILURE', { token });
      expect(failures.status).toBe(200);
      expect((failures.body as unknown as { objectId: string }[]).map((event) => event.objectId)).toEqual(['acc-x']);

      const firstPage = (await api.get('/api/v1/audit-events?action=auth.login&limit=3', { token })).body as unknown as { chainPosition: number }[];
      expect(firstPage).toHaveLength(3);
      const secondPage = (await api.get(`/api/v1/audit-events?action=auth.login&limit=3&before=${firstPage[2].chainPosition}`, { token })).body as unknown as { chainPosition: number }[];
      expect(secondPage[0].chainPosition).toBeLessThan(firstPage[2].chainPosition);
      await expect(api.get('/api/v1/audit-events/verify', { token })).resolves.toMatchObject({ status: 200, body: { valid: true } });
      await expect(api.get('/api/v1/audit-events?outcome=MAYBE', { token })).resolves.toMatchObject({ status: 400 });

      const browser = portalClient(server.url);
      await browser.post('/login', { _csrf: browser.csrfOf((await browser.get('/login')).html), email: 'audit@iq.example', password: PASSWORD });
      const page = await browser.get('/admin/audit?action=auth.&outcome=FAILURE');
      expect(page.status).toBe(200);
      expect(page.html).toContain('data-chain-status="valid"');
      expect(page.html).toContain('acc-x');
      expect(page.html).not.toContain('acc-1<');
    });
  });
});
