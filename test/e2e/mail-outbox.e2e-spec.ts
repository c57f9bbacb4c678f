import { INestApplicationContext } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { PinoLogger } from 'nestjs-pino';
import { runInTransaction, freePort } from '@fa/shared';
import { DevSmtpServer, MailDeliveryService, MailEvent, Outbox } from '@fa/notifications';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startWorker, testConfig } from '../support/test-apps';
import { eventually } from '../support/eventually';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  correlation_id: string | null;
}

const mailTo = (email: string, locale: 'fr' | 'en' = 'fr'): MailEvent => ({
  type: 'test-message',
  to: { email, name: 'Marie-Ève Tremblay' },
  locale,
  payload: { requestedBy: 'test', requestedAt: '2026-11-22T15:30:00.000Z' },
});

describe('mail through the outbox', () => {
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let smtp: DevSmtpServer;
  let outbox: Outbox;
  let dataSource: DataSource;

  const enqueue = (event: MailEvent) => runInTransaction(dataSource, (manager) => outbox.enqueue(manager, event));
  const row = async (id: string) => (await db.query<OutboxRow>('SELECT * FROM outbox_event WHERE id = $1', [id]))[0];

  describe('with a working SMTP server', () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      smtp = new DevSmtpServer({ port: 0 });
      await smtp.start();
      worker = await startWorker(testConfig(db.url, { SMTP_PORT: String(smtp.port) }));
      outbox = worker.get(Outbox);
      dataSource = worker.get(DataSource);
    });

    afterAll(async () => {
      await worker?.close();
      await smtp?.stop();
      await db?.drop();
    });

    it('delivers a templated mail, in the recipient language, exactly once', async () => {
      // As inside a request or a job: the correlation id of the logging context goes on the event.
      const logger = await worker.resolve(PinoLogger);
      const id = await logger.runInContext(() => enqueue(mailTo('pme@example.org')), { bindings: { correlationId: 'trace-outbox-0001' } });

      const received = await smtp.waitFor((mail) => mail.to.includes('pme@example.org'));
      const parsed = await simpleParser(received.raw);
      expect(parsed.subject).toBe("Message d'essai de la plateforme Fonds Accélération");
      expect(parsed.messageId).toBe(`<${id}@fonds-acceleration.localhost>`);
      expect(parsed.headers.get('content-language')).toBe('fr-CA');
      expect(parsed.html).toContain('<html lang="fr-CA">');
      expect(parsed.text).toContain('Bonjour Marie-Ève Tremblay,');
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toContain('pme@example.org');

      await eventually(async () => expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, correlation_id: 'trace-outbox-0001' }));
      await expect(worker.get(MailDeliveryService).deliver(id, false)).resolves.toBe('ALREADY_SENT');
      expect(smtp.received.filter((mail) => mail.to.includes('pme@example.org'))).toHaveLength(1);
    });

    it('sends English mail to an English-speaking recipient', async () => {
      await enqueue(mailTo('sme@example.com', 'en'));
      const parsed = await simpleParser((await smtp.waitFor((mail) => mail.to.includes('sme@example.com'))).raw);
      expect(parsed.subject).toBe('Test message from the Acceleration Fund platform');
      expect(parsed.text).toContain('Hello Marie-Ève Tremblay,');
    });

    it('writes neither the event nor its job when the domain change rolls back', async () => {
      await expect(
        runInTransaction(dataSource, async (manager) => {
          await outbox.enqueue(manager, mailTo('rolled-back@example.org'));
          throw new Error('the domain change failed');
        }),
      ).rejects.toThrow('the domain change failed');
      expect(await db.query("SELECT 1 FROM outbox_event WHERE recipient_email = 'rolled-back@example.org'")).toHaveLength(0);
      expect(await db.query("SELECT 1 FROM pgboss.job WHERE name = 'mail-delivery' AND NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.id = pgboss.job.id)")).toHaveLength(0);
    });

    it('refuses an event that has no templates, and an invalid recipient', async () => {
      await expect(enqueue({ ...mailTo('x@example.org'), type: 'no-such-event' })).rejects.toMatchObject({ code: 'UNKNOWN_MAIL_TEMPLATE' });
      await expect(enqueue(mailTo('not an address'))).rejects.toMatchObject({ code: 'INVALID_RECIPIENT' });
      expect(await db.query("SELECT 1 FROM outbox_event WHERE recipient_email IN ('x@example.org', 'not an address')")).toHaveLength(0);
    });
  });

  describe('when the SMTP server is down', () => {
    let smtpPort: number;

    beforeAll(async () => {
      db = await createTestDatabase();
      smtpPort = await freePort();
      worker = await startWorker(testConfig(db.url, { SMTP_PORT: String(smtpPort), MAIL_MAX_ATTEMPTS: '2', MAIL_RETRY_DELAY_SECONDS: '1' }));
      outbox = worker.get(Outbox);
      dataSource = worker.get(DataSource);
    });

    afterAll(async () => {
      await worker?.close();
      await db?.drop();
    });

    it('retries with back-off, then marks the event FAILED with the reason, visible to operators', async () => {
      const id = await enqueue(mailTo('unlucky@example.org'));
      await eventually(async () => expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1 }));
      await eventually(async () => expect(await row(id)).toMatchObject({ status: 'FAILED', attempts: 2, sent_at: null }), 20_000);
      expect((await row(id)).last_error).toMatch(/ECONNREFUSED/);
    });

    it('delivers once the server is back, within the attempts left', async () => {
      const id = await enqueue(mailTo('patient@example.org'));
      await eventually(async () => expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1 }));
      const smtp = new DevSmtpServer({ port: smtpPort });
      await smtp.start();
      try {
        await smtp.waitFor((mail) => mail.to.includes('patient@example.org'), 20_000);
        await eventually(async () => expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2 }));
        expect(smtp.received).toHaveLength(1);
      } finally {
        await smtp.stop();
      }
    });
  });
});
