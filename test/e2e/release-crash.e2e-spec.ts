import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { Role } from '@fa/identity';
import { AppConfig, freePort } from '@fa/shared';
import { DevSmtpServer } from '@fa/notifications';
import { createPeopleWithTokens } from '../support/accounts';
import { eventually } from '../support/eventually';
import { spawnBuilt } from '../support/processes';
import { reviewJourney } from '../support/review-journey';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startServer, startWorker, testConfig } from '../support/test-apps';

/** The environment a spawned process needs to be the same platform as the in-process one that prepared the data. */
function processEnv(config: AppConfig, port: number): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test', DATABASE_URL: config.DATABASE_URL, PORT: String(port), LOG_LEVEL: 'silent', SESSION_SECRET: config.SESSION_SECRET,
    API_TOKEN_SECRET: config.API_TOKEN_SECRET, SMTP_HOST: '127.0.0.1', SMTP_PORT: '1', DEV_MAIL_DIR: config.DEV_MAIL_DIR, ATTACHMENTS_DIR: config.ATTACHMENTS_DIR,
  };
}

/** Waits until the spawned server answers its health check. */
async function serving(port: number): Promise<void> {
  await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200), 30_000, 100);
}

describe('a server killed right after a release commits', () => {
  let db: TestDatabase;
  let config: AppConfig;
  const tokens: Record<string, string> = {};
  let agreementId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.url);
    // The agreement is prepared through the API of an in-process server, then that server is stopped.
    const setup = await startServer(config);
    try {
      Object.assign(tokens, await createPeopleWithTokens(setup.app, setup.url, [['pme', 'APPLICANT'], ['rev1', 'REVIEWER'], ['rev2', 'REVIEWER'], ['paul', 'APPROVER'], ['julie', 'APPROVER']] as [string, Role][]));
      const journey = reviewJourney(setup.url, tokens);
      const id = await journey.submittedFile('pme', '1176661001');
      await journey.recommended(id, ['rev1', 'rev2']);
      await journey.declare('paul', id);
      await journey.declare('julie', id);
      const post = (who: string, path: string, body: unknown, headers?: Record<string, string>) => journey.api.post(path, body, { ...journey.as(who), headers });
      expect((await post('paul', `/api/v1/applications/${id}/decision`, { outcome: 'APPROVED', amountCents: 25_000_000 }, { 'idempotency-key': randomUUID() })).status).toBe(201);
      agreementId = (await post('paul', `/api/v1/applications/${id}/agreement`, {})).body.id as string;
      await post('pme', `/api/v1/agreements/${agreementId}/acceptance`, {});
      await post('julie', `/api/v1/agreements/${agreementId}/signature`, {});
      const report = await post('pme', `/api/v1/agreements/${agreementId}/reports`, { milestoneNumber: 1, progress: 'Pilote', aiJobsToDate: 1, privateSpentToDateCents: 25_000_000, evidenceAttachmentIds: [] });
      expect((await post('rev1', `/api/v1/agreements/${agreementId}/reports/${report.body.id as string}/review`, { outcome: 'ACCEPTED' })).status).toBe(200);
    } finally {
      await setup.close();
    }
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps the ledger valid, and the mail is sent exactly once after restart', async () => {
    const port = await freePort();
    const server = spawnBuilt('server', [], processEnv(config, port));
    await serving(port);
    const request = fetch(`http://127.0.0.1:${port}/api/v1/agreements/${agreementId}/tranches/1/release`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.julie}`, 'idempotency-key': 'crash-release-0001', 'content-type': 'application/json' }, body: '{}',
    }).catch((error: unknown) => error);
    // SIGKILL as soon as the release is seen committed (polled every 2 ms; its answer may or may not have left).
    // No worker runs yet, so its mail cannot have been sent.
    await eventually(async () => expect((await db.query('SELECT 1 FROM payment_order')).length).toBe(1), 20_000, 2);
    server.child.kill('SIGKILL');
    await expect(server.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    await request;

    const verify = spawnBuilt('cli', ['ledger:verify'], { DATABASE_URL: db.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    await expect(verify.exited).resolves.toEqual({ code: 0, signal: null });
    await expect(db.query("SELECT entry_type FROM ledger_entry WHERE entry_type = 'DISBURSEMENT'")).resolves.toHaveLength(1);
    await expect(db.query("SELECT status FROM outbox_event WHERE type = 'tranche-released'")).resolves.toHaveLength(1);

    // After restart: the mail goes out once, even with the worker restarted; the release repeated under its key answers the same order.
    const smtp = new DevSmtpServer({ port: 0 });
    await smtp.start();
    const releaseMails = async () => (await Promise.all(smtp.received.map(async (mail) => (await simpleParser(mail.raw)).subject ?? ''))).filter((subject) => subject.startsWith('Versement libéré'));
    let worker: INestApplicationContext | null = null;
    const restarted = spawnBuilt('server', [], processEnv(config, port));
    try {
      worker = await startWorker(testConfig(db.url, { SMTP_PORT: String(smtp.port) }));
      await eventually(async () => expect(await releaseMails()).toHaveLength(1), 30_000, 200);
      await worker.close();
      worker = await startWorker(testConfig(db.url, { SMTP_PORT: String(smtp.port) }));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await releaseMails()).toHaveLength(1);
      await expect(db.query("SELECT 1 FROM outbox_event WHERE type = 'tranche-released' AND sent_at IS NOT NULL")).resolves.toHaveLength(1);
      await serving(port);
      const repeat = await fetch(`http://127.0.0.1:${port}/api/v1/agreements/${agreementId}/tranches/1/release`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens.julie}`, 'idempotency-key': 'crash-release-0001', 'content-type': 'application/json' }, body: '{}',
      });
      expect(repeat.status).toBe(200);
      await expect(db.query('SELECT 1 FROM payment_order')).resolves.toHaveLength(1);
    } finally {
      await worker?.close();
      restarted.child.kill('SIGTERM');
      await restarted.exited;
      await smtp.stop();
    }
  }, 120_000);
});
