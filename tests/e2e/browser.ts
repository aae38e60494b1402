import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** Debian's Chromium, headless, driven by playwright-core (never `npx playwright install`). */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { translate } from '../../admin-ui/src/i18n/index.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The browser of a suite and a fresh context and page for each test (in `locale`, 15 s default
 * timeout), all closed afterwards: call once at the top of a suite; read `page` inside the tests.
 */
export function pagePerTest(locale: string): { readonly page: Page } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({ locale });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  return {
    get page() {
      if (!page) throw new Error('pagePerTest: no page outside a test');
      return page;
    },
  };
}

/**
 * The browser of a suite and, in each test, signed-in pages of several people, each in a context of
 * its own (15 s default timeout), all closed after the test: call once at the top of a suite.
 */
export function pagesPerTest(): {
  signedIn(url: string, username: string, password: string, opts?: { locale?: 'en' | 'zh-CN'; viewport?: { width: number; height: number } }): Promise<Page>;
} {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return {
    async signedIn(url, username, password, opts = {}) {
      const locale = opts.locale ?? 'en';
      const context = await browser!.newContext({ locale, ...(opts.viewport ? { viewport: opts.viewport } : {}) });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      await signInAt(page, url, username, password, locale);
      return page;
    },
  };
}

/** Open `url` (a page behind the login) and sign in there with the login form (labels in the page's language, English unless said). */
export async function signInAt(page: Page, url: string, username: string, password: string, locale: 'en' | 'zh-CN' = 'en'): Promise<void> {
  await page.goto(url);
  await page.getByLabel(translate(locale, 'login.username')).fill(username);
  await page.getByLabel(translate(locale, 'login.password')).fill(password);
  await page.getByRole('button', { name: translate(locale, 'login.submit') }).click();
}

/** Where e2e tests leave pictures of the pages for people reviewing the UI (not committed). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** A full-page picture of `page` as test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
