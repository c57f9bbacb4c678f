import { freePort } from '@fa/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { processesMentioning, spawnBuilt } from '../support/processes';

/** `npm start` on the embedded default: its own PostgreSQL and SMTP server, in a folder of its own. */
describe('npm start (embedded default)', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'fa-launcher-'));
    env = {
      NODE_ENV: 'development',
      DATABASE_URL: '',
      SMTP_HOST: '',
      PUBLIC_URL: '',
      LOG_LEVEL: 'warn',
      EMBEDDED_PG_DIR: join(folder, 'postgres'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      SMTP_PORT: String(await freePort()),
      DEV_MAIL_DIR: join(folder, 'mail'),
      ATTACHMENTS_DIR: join(folder, 'attachments'),
    };
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts PostgreSQL, migrates, loads demo data, serves the French portal, and stops everything on Ctrl-C', async () => {
    const started = Date.now();
    const platform = spawnBuilt('cli', ['start'], env);
    await platform.waitForOutput(/Press Ctrl-C to stop\./);
    const startSeconds = (Date.now() - started) / 1000;
    expect(platform.output()).toContain(`Portal (français):  http://localhost:${env.PORT}/`);
    expect(platform.output()).toContain('demo data loaded: welcome-mail, demo-accounts, demo-intake, demo-review');
    expect(platform.output()).toMatch(/ADMINISTRATOR\s+admin@demo\.fonds-acceleration\.localhost/);

    const home = await fetch(`http://127.0.0.1:${env.PORT}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="fr-CA">');
    // The demo mail travels outbox → worker → in-process SMTP server → /dev/mail.
    await eventually(async () => {
      const inbox = await (await fetch(`http://127.0.0.1:${env.PORT}/dev/mail`)).text();
      expect(inbox).toContain("Message d&#x27;essai de la plateforme Fonds Accélération");
      expect(inbox).toContain('Test message from the Acceleration Fund platform');
    }, 20_000);

    // A demo account signs in with the printed password.
    const login = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'pme@demo.fonds-acceleration.localhost', password: 'démonstration Fonds Accélération 2026' }),
    });
    expect(login.status).toBe(200);
    // …and finds the demo enterprise's submitted, screened application and its draft, and the second enterprise's file recommended for approval.
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const applications = (await (await fetch(`http://127.0.0.1:${env.PORT}/api/v1/applications`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string }[];
    expect(applications.map((application) => application.status).sort()).toEqual(['DRAFT', 'RECOMMENDED', 'SCREENED']);

    platform.child.kill('SIGINT');
    await expect(platform.exited).resolves.toEqual({ code: 0, signal: null });
    expect(platform.output()).toContain('PostgreSQL stopped');
    expect(processesMentioning(env.EMBEDDED_PG_DIR!)).toEqual([]);
    console.info(`npm start was serving after ${startSeconds.toFixed(1)} s (first start: initdb included)`);
  });

  it('keeps its data across restarts, loads demo data only once, and stops on SIGTERM', async () => {
    const platform = spawnBuilt('cli', ['start'], env);
    await platform.waitForOutput(/Press Ctrl-C to stop\./);
    expect(platform.output()).toContain('database schema up to date');
    expect(platform.output()).toContain('demo data already loaded');
    platform.child.kill('SIGTERM');
    await expect(platform.exited).resolves.toEqual({ code: 0, signal: null });
    expect(processesMentioning(env.EMBEDDED_PG_DIR!)).toEqual([]);
  });

  it('refuses to start on a bad setting, naming the variable, and leaves nothing running', async () => {
    const platform = spawnBuilt('cli', ['start'], { ...env, SMTP_PORT: 'twenty-five' });
    await expect(platform.exited).resolves.toMatchObject({ code: 1 });
    expect(platform.output()).toMatch(/SMTP_PORT = "twenty-five"/);
    expect(processesMentioning(env.EMBEDDED_PG_DIR!)).toEqual([]);
  });
});
