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
  /** A profile stored on the device, so the join dialog is skipped. The
   * participant id itself always comes from the server. */
  identity?: { name: string; sector: 'public' | 'private' | 'civil' | 'other'; where?: 'room' | 'remote' };
  /** Overrides the width-based choice between the canvas and the simple phone view. */
  viewMode?: 'board' | 'simple';
}

const withIdentity = async (context: BrowserContext, opts: ContextOptions): Promise<void> => {
  const seed: Record<string, string> = {};
  if (opts.identity) seed['tavolo.identity'] = JSON.stringify({ where: 'room', ...opts.identity });
  if (opts.viewMode) seed['tavolo.viewMode'] = opts.viewMode;
  if (Object.keys(seed).length === 0) return;
  await context.addInitScript((entries) => {
    // Only seed a fresh device: a test that changes these expects its change to last.
    if (window.localStorage.getItem('tavolo.seeded')) return;
    window.localStorage.setItem('tavolo.seeded', '1');
    for (const [k, v] of Object.entries(entries)) window.localStorage.setItem(k, v);
  }, seed);
};

export async function desktopContext(browser: Browser, opts: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-GB',
  });
  await withIdentity(context, opts);
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
  await withIdentity(context, opts);
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
  await page.locator('[data-status="connected"][data-synced="true"]').first().waitFor({ timeout: timeoutMs });
}

/** Opens a room link (token in the fragment) in a new page and waits for the board to sync. */
export async function openLink(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await waitForSynced(page);
  return page;
}

/** The phase a page shows as current, by its English or Italian name. */
export const currentPhase = (page: Page): Promise<string> =>
  page.locator('[data-phase-step][aria-current="step"]').first().getAttribute('data-phase-step').then((p) => p ?? '');

/** The facilitator presses "Next phase" until `phase` is current. */
export async function advanceToPhase(page: Page, phase: 'listening' | 'discussion' | 'scenarios' | 'priorities' | 'codesign'): Promise<void> {
  const order = ['listening', 'discussion', 'scenarios', 'priorities', 'codesign'];
  for (;;) {
    const now = await currentPhase(page);
    if (now === phase) return;
    if (order.indexOf(now) > order.indexOf(phase)) throw new Error(`already past ${phase} (at ${now})`);
    await page.getByRole('button', { name: /^Next phase/ }).click();
    await page.locator(`[data-phase-step="${order[order.indexOf(now) + 1]}"][aria-current="step"]`).first().waitFor();
  }
}
