/**
 * Real Chromium for end-to-end tests, driven by playwright-core: one launch
 * per test file, and contexts shaped like the devices in a workshop room
 * (a facilitator's laptop, a participant's phone).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
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
    ],
  });
}

export interface ContextOptions {
  locale?: string;
  /** A participant stored on the device, so the join dialog is skipped. */
  identity?: { id: string; name: string; sector: 'public' | 'private' | 'civil' | 'other' };
}

const withIdentity = async (context: BrowserContext, identity: ContextOptions['identity']): Promise<void> => {
  if (!identity) return;
  await context.addInitScript((value) => {
    window.localStorage.setItem('tavolo.identity', value);
  }, JSON.stringify(identity));
};

export async function desktopContext(browser: Browser, opts: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-GB',
  });
  await withIdentity(context, opts.identity);
  return context;
}

export async function phoneContext(browser: Browser, opts: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? 'en-GB',
  });
  await withIdentity(context, opts.identity);
  return context;
}

/** Polls `check` until it returns true or the deadline passes; never a fixed sleep. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the board says it is connected and synced. */
export async function waitForSynced(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.locator('[data-status="connected"][data-synced="true"]').waitFor({ timeout: timeoutMs });
}
