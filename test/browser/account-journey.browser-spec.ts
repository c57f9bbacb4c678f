/// <reference lib="dom" />
import { simpleParser } from 'mailparser';
import { AccountsService } from '@fa/identity';
import { axeViolations } from '../support/browser';
import { BrowserStack, startBrowserStack } from '../support/browser-stack';

describe('an SME registers, verifies its address, signs in and out (Chromium, French)', () => {
  let stack: BrowserStack;
  let page: BrowserStack['page'];
  let smtp: BrowserStack['smtp'];
  let server: BrowserStack['server'];

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ page, smtp, server } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);

  it('goes through the whole journey with no WCAG 2.1 A/AA violation on any page', async () => {
    await page.goto(`${server.url}/`);
    await page.click('a[href="/register"]');
    expect(await page.textContent('h1')).toBe('Créer un compte de PME');
    await expectAccessible();

    await page.fill('#displayName', 'Léa Bouchard');
    await page.fill('#email', 'lea@robotique-estrie.example');
    await page.fill('#password', 'court');
    await page.click('button[type="submit"]');
    expect(await page.textContent('.error-summary')).toContain('au moins 12 caractères');
    await expectAccessible();

    await page.fill('#password', 'des cobots au bord du lac Memphrémagog');
    await page.click('button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Vérifiez vos courriels');
    await expectAccessible();

    const mail = await simpleParser((await smtp.waitFor((received) => received.to.includes('lea@robotique-estrie.example'))).raw);
    const link = mail.text?.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeDefined();
    await page.goto(`${server.url}${new URL(link!).pathname}${new URL(link!).search}`);
    expect(await page.textContent('h1')).toBe('Confirmer votre adresse courriel');
    await expectAccessible();
    await page.click('button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Adresse confirmée');
    await expectAccessible();

    await page.click('main a[href="/login"]');
    await expectAccessible();
    await page.fill('#email', 'lea@robotique-estrie.example');
    await page.fill('#password', 'des cobots au bord du lac Memphrémagog');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);
    expect(await page.textContent('.signed-in')).toBe('Connecté : Léa Bouchard');
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    await expectAccessible();

    await page.click('button.link-button');
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('.signed-in').count()).toBe(0);
    expect(await page.textContent('.account-nav')).toContain('Se connecter');
  });

  it('shows an administrator the audit trail and the password page, with no violation, in English too', async () => {
    const accounts = server.app.get(AccountsService);
    const { setupUrl } = await accounts.createStaff({ email: 'admin@iq.example', displayName: 'Ada Min', preferredLocale: 'en', role: 'ADMINISTRATOR' }, { accountId: null, label: 'test' }, { clientAddress: null });
    await page.goto(`${server.url}${new URL(setupUrl).pathname}${new URL(setupUrl).search}`);
    await expectAccessible();
    await page.fill('#password', 'un tableau de bord très accessible');
    await page.fill('#passwordConfirmation', 'un tableau de bord très accessible');
    await page.click('main button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Compte activé');
    await page.goto(`${server.url}/login`);
    await page.fill('#email', 'admin@iq.example');
    await page.fill('#password', 'un tableau de bord très accessible');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${server.url}/`);
    // Signing in switches the portal to the person's language.
    expect(await page.getAttribute('html', 'lang')).toBe('en-CA');
    await page.click('a[href="/admin/audit"]');
    expect(await page.textContent('h1')).toBe('Audit trail');
    expect(await page.getAttribute('[data-chain-status]', 'data-chain-status')).toBe('valid');
    await expectAccessible();
    await page.click('a[href="/account/password"]');
    expect(await page.textContent('h1')).toBe('Change my password');
    await expectAccessible();

    await page.click('a[href="/admin/accounts"]');
    expect(await page.textContent('h1')).toBe('Accounts');
    await expectAccessible();
    await page.fill('#displayName', 'Rita Viewer');
    await page.fill('#email', 'rita@iq.example');
    await page.selectOption('#role', 'APPROVER');
    await page.click('form[action="/admin/accounts"] button[type="submit"]');
    expect(await page.textContent('[role="status"]')).toContain('Account created for rita@iq.example');
    await expectAccessible();
    await page.selectOption('select[name="role"][id^="role-"]', 'AUDITOR');
    await page.click('form[action$="/role"] button[type="submit"]');
    expect(await page.textContent('[role="status"]')).toContain('The role of rita@iq.example is now: Auditor.');
    await expectAccessible();
    await page.click('button[aria-label="Disable the account of rita@iq.example"]');
    expect(await page.textContent('[role="status"]')).toContain('The account of rita@iq.example is disabled.');
    await expectAccessible();
  });
});
