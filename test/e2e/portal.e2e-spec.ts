import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ').replace(/&#x27;/g, "'");
const figure = (html: string, name: string) => plain(html).match(new RegExp(`data-figure="${name}">([^<]*)<`))?.[1];

describe('portal', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let mailDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    mailDir = mkdtempSync(join(tmpdir(), 'fa-portal-mail-'));
    server = await startServer(testConfig(db.url, { DEV_MAIL_DIR: mailDir }));
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  const page = async (path: string, cookie?: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
    return { response, html: await response.text() };
  };

  it('serves the home page in French by default, whatever the browser language', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/html', 'accept-language': 'en-US' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<html lang="fr-CA">');
    expect(plain(html)).toContain("<h1>Subventions pour l'adoption de l'intelligence artificielle par les PME</h1>");
    expect(html).toContain('href="#main"');
  });

  it('presents the figures of the program tables', async () => {
    const { html } = await page('/');
    expect(figure(html, 'envelope')).toBe('15 000 000 $');
    expect(figure(html, 'ceiling')).toBe('500 000 $');
    expect(figure(html, 'ratio')).toBe('1:1');
    for (const sector of ['Robotique manufacturière', 'Construction IA', 'Santé IA']) expect(html).toContain(sector);
    for (const region of ['Montréal (06)', 'Estrie (05)', 'Centre-du-Québec (17)', 'Outaouais (07)']) expect(html).toContain(region);
  });

  it('changes with the settings: nothing is written into the template', async () => {
    await db.query("UPDATE program SET envelope_cents = 2000000000, grant_ceiling_cents = 25000000, co_investment_ratio_bps = 15000 WHERE code = 'FA-2026'");
    await db.query("UPDATE program_wave SET opens_on = '2020-01-01' WHERE program_code = 'FA-2026' AND wave_number = 3");
    try {
      const { html } = await page('/');
      expect(figure(html, 'envelope')).toBe('20 000 000 $');
      expect(figure(html, 'ceiling')).toBe('250 000 $');
      expect(figure(html, 'ratio')).toBe('1,5:1');
      expect(figure(html, 'regions-open')).toContain('10 sur 10');
    } finally {
      await db.query("UPDATE program SET envelope_cents = 1500000000, grant_ceiling_cents = 50000000, co_investment_ratio_bps = 10000 WHERE code = 'FA-2026'");
      await db.query("UPDATE program_wave SET opens_on = '2027-01-12' WHERE program_code = 'FA-2026' AND wave_number = 3");
    }
  });

  it('switches to English and remembers the choice', async () => {
    const { response } = await page('/language/en?next=%2F');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/fa_lang=en/);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
    const { html } = await page('/', cookie.split(';')[0]);
    expect(html).toContain('<html lang="en-CA">');
    expect(html).toContain('<h1>Grants for SMEs adopting artificial intelligence</h1>');
    expect(figure(html, 'envelope')).toBe('$15,000,000');
    expect(html).toContain('lang="fr"');
  });

  it('never redirects off-site from the language switch', async () => {
    const { response } = await page('/language/fr?next=%2F%2Fevil.example%2F');
    expect(response.headers.get('location')).toBe('/');
  });

  it('shows a page error in the visitor language, with its code and reference', async () => {
    const { response, html } = await page('/language/de');
    expect(response.status).toBe(404);
    expect(html).toContain('<html lang="fr-CA">');
    expect(html).toContain('data-error-code="NOT_FOUND"');
    expect(html).toContain(response.headers.get('x-correlation-id'));
    const english = await page('/no-such-page', 'fa_lang=en');
    expect(english.html).toContain('The requested resource could not be found.');
  });

  it('sends security headers: a strict content policy, no sniffing, no framing by other sites', async () => {
    const { response } = await page('/');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves the stylesheet from the project, no external CDN', async () => {
    const { html } = await page('/');
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    const css = await fetch(`${server.url}/assets/css/portal.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain(':focus-visible');
  });

  it('shows the mail kept by the in-process SMTP server at /dev/mail', async () => {
    const raw = [
      'From: Fonds <no-reply@fonds-acceleration.localhost>',
      'To: pme@example.org',
      'Subject: =?UTF-8?Q?Accus=C3=A9_de_r=C3=A9ception?=',
      'Content-Language: fr-CA',
      'Date: Sun, 22 Nov 2026 15:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Bonjour, <b>test</b>',
    ].join('\r\n');
    writeFileSync(join(mailDir, '1795000000000-0a1b2c3d.eml'), raw);
    const list = await page('/dev/mail');
    expect(list.response.status).toBe(200);
    expect(list.html).toContain('Accusé de réception');
    const message = await page('/dev/mail/1795000000000-0a1b2c3d');
    expect(message.html).toContain('Bonjour, &lt;b&gt;test&lt;/b&gt;');
    const body = await fetch(`${server.url}/dev/mail/1795000000000-0a1b2c3d/html`);
    expect(body.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect((await page('/dev/mail/..%2F..%2Fetc%2Fpasswd')).response.status).toBe(404);
  });
});

describe('portal in production', () => {
  it('has no /dev/mail', async () => {
    const db = await createTestDatabase();
    const server = await startServer(testConfig(db.url, { NODE_ENV: 'production' }));
    try {
      const response = await fetch(`${server.url}/dev/mail`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(404);
      const home = await (await fetch(`${server.url}/`)).text();
      expect(home).not.toContain('/dev/mail');
    } finally {
      await server.close();
      await db.drop();
    }
  });
});
