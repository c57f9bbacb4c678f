/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser and uses its types.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { axeViolations, launchBrowser, TestBrowser } from '../support/browser';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { RunningServer, startServer, testConfig } from '../support/test-apps';

describe('portal in Chromium', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    const mailDir = mkdtempSync(join(tmpdir(), 'fa-browser-mail-'));
    writeFileSync(
      join(mailDir, '1795000000000-0a1b2c3d.eml'),
      'From: no-reply@fonds-acceleration.localhost\r\nTo: pme@example.org\r\nSubject: Essai\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour</p>',
    );
    server = await startServer(testConfig(db.url, { DEV_MAIL_DIR: mailDir }));
    chromium = await launchBrowser();
  });

  beforeEach(async () => {
    page = await (await chromium.browser.newContext({ locale: 'en-US' })).newPage();
  });

  afterEach(async () => {
    await page.context().close();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await db?.drop();
  });

  it('has an accessibility check that does catch violations', async () => {
    await page.setContent('<html><body><img src="chart.png"><a href="/x"></a></body></html>');
    expect((await axeViolations(page)).map((violation) => violation.id)).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'link-name']));
  });

  it('shows the home page in French first, with no WCAG 2.1 A/AA violation', async () => {
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    expect(await page.textContent('h1')).toBe("Subventions pour l'adoption de l'intelligence artificielle par les PME");
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches to English from the header link, keeps it on the next visit, with no violation', async () => {
    await page.goto(`${server.url}/`);
    await page.click('a.language-switch');
    await page.waitForURL(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en-CA');
    expect(await page.textContent('h1')).toBe('Grants for SMEs adopting artificial intelligence');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en-CA');
    await page.click('a.language-switch');
    await page.waitForURL(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
  });

  it('offers a skip link as the first stop of the keyboard, visibly focused, that leads to the content', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return { text: element.textContent, href: element.getAttribute('href'), outline: style.outlineStyle, top: box.top };
    });
    expect(focused).toMatchObject({ text: 'Passer au contenu principal', href: '#main', outline: 'solid' });
    expect(focused.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('renders the API documentation under the content security policy', async () => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') blocked.push(message.text());
    });
    await page.goto(`${server.url}/api/docs`);
    await page.waitForSelector('.swagger-ui .info .title');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Fonds Accélération API');
    expect(blocked.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
  });

  it('previews a received mail in a sandboxed frame', async () => {
    await page.goto(`${server.url}/dev/mail/1795000000000-0a1b2c3d`);
    const frame = page.frameLocator('iframe.mail-html');
    expect(await frame.locator('p').textContent()).toBe('Bonjour');
  });

  it.each(['/dev/mail', '/dev/mail/1795000000000-0a1b2c3d', '/no-such-page', '/login', '/register', '/password-reset', '/password-reset/complete?token=x', '/invitations/accept?token=x', '/account-setup?token=x'])('renders %s with no violation', async (path) => {
    await page.goto(`${server.url}${path}`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    expect(await axeViolations(page)).toEqual([]);
  });
});
