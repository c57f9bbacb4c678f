import { simpleParser } from 'mailparser';
import { freePort } from '@fa/shared';
import { DevSmtpServer } from '@fa/notifications';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { apiClient } from '../support/http-client';
import { portalClient } from '../support/portal-client';
import { Spawned, spawnBuilt } from '../support/processes';
import { eventually } from '../support/eventually';

const PASSWORD = 'un secret que les journaux ne verront jamais';

/** Real server and worker processes at debug level, through every step that handles a secret. */
describe('logs', () => {
  let db: TestDatabase;
  let smtp: DevSmtpServer;
  let server: Spawned;
  let worker: Spawned;
  let baseUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = new DevSmtpServer({ port: 0 });
    await smtp.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: db.url, PORT: String(port), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), LOG_LEVEL: 'debug', NODE_ENV: 'test', PUBLIC_URL: baseUrl };
    server = spawnBuilt('server', [], env);
    worker = spawnBuilt('worker', [], env);
    await server.waitForOutput(/successfully started/);
  });

  afterAll(async () => {
    for (const process of [server, worker]) {
      process?.child.kill('SIGTERM');
      await process?.exited;
    }
    await smtp?.stop();
    await db?.drop();
  });

  it('contain no password, token, session id or CSRF token after registration, verification, sign-in and sign-out', async () => {
    const api = apiClient(baseUrl);
    const registration = await api.post('/api/v1/auth/register', { email: 'lea.gagnon@pme.example', displayName: 'Léa Gagnon', preferredLocale: 'fr', password: PASSWORD });
    expect(registration.status).toBe(202);
    const mail = await simpleParser((await smtp.waitFor((received) => received.to.includes('lea.gagnon@pme.example'), 20_000)).raw);
    const verificationToken = mail.text!.match(/token=([A-Za-z0-9_-]{43})/)![1];
    await api.post('/api/v1/auth/verify', { token: verificationToken });
    await api.post('/api/v1/auth/token', { email: 'lea.gagnon@pme.example', password: 'a wrong password, logged nowhere' });
    const issued = await api.post('/api/v1/auth/token', { email: 'lea.gagnon@pme.example', password: PASSWORD });
    const accessToken = issued.body.accessToken as string;
    expect((await api.get('/api/v1/me', { token: accessToken })).status).toBe(200);

    const browser = portalClient(baseUrl);
    const form = await browser.get('/login');
    const csrf = browser.csrfOf(form.html);
    await browser.post('/login', { _csrf: csrf, email: 'lea.gagnon@pme.example', password: PASSWORD });
    const sessionId = browser.cookies.get('fa_session')!;
    const home = await browser.get('/');
    await browser.post('/logout', { _csrf: browser.csrfOf(home.html) });
    await eventually(() => expect(server.output()).toContain('"url":"/logout"'));

    const logs = server.output() + worker.output();
    expect(logs.length).toBeGreaterThan(1000);
    const secrets = {
      password: PASSWORD,
      wrongPassword: 'a wrong password, logged nowhere',
      verificationToken,
      accessToken,
      sessionId: decodeURIComponent(sessionId).split('.')[0],
      csrf,
    };
    const leaked = Object.entries(secrets).filter(([, secret]) => secret && logs.includes(secret)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
