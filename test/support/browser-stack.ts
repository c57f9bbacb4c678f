import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import { DevSmtpServer } from '@fa/notifications';
import { Clock } from '@fa/shared';
import { TEST_PASSWORD } from './accounts';
import { launchBrowser, TestBrowser } from './browser';
import { createTestDatabase, TestDatabase } from './test-database';
import { RunningServer, startServer, startWorker, testConfig } from './test-apps';

/** Everything a browser journey needs: its database, a mail sink, the server, the worker and a Chromium page. */
export interface BrowserStack {
  db: TestDatabase;
  smtp: DevSmtpServer;
  server: RunningServer;
  worker: INestApplicationContext;
  chromium: TestBrowser;
  page: Page;
  close(): Promise<void>;
}

export async function startBrowserStack(options: { clock?: Clock; locale?: string } = {}): Promise<BrowserStack> {
  const db = await createTestDatabase();
  const smtp = new DevSmtpServer({ port: 0 });
  await smtp.start();
  const config = testConfig(db.url, { SMTP_PORT: String(smtp.port) });
  const server = await startServer(config, options.clock);
  const worker = await startWorker(config, options.clock);
  const chromium = await launchBrowser();
  const page = await (await chromium.browser.newContext({ locale: options.locale ?? 'fr-CA' })).newPage();
  return {
    db, smtp, server, worker, chromium, page,
    close: async () => {
      await chromium.close();
      await worker.close();
      await server.close();
      await smtp.stop();
      await db.drop();
    },
  };
}

/** A person's own browser window (French by default), signed in through the login page. */
export async function signedInPage(stack: BrowserStack, email: string, password: string = TEST_PASSWORD): Promise<Page> {
  const page = await (await stack.chromium.browser.newContext({ locale: 'fr-CA' })).newPage();
  await page.goto(`${stack.server.url}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${stack.server.url}/`), page.click('main button[type="submit"]')]);
  return page;
}
