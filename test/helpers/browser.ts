/**
 * Real Chromium for end-to-end tests, driven by playwright-core: one launch
 * per test file, and contexts shaped like the devices in a workshop room
 * (a facilitator's laptop, a participant's phone).
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from './server';

/**
 * Debian's headless shell (package chromium-headless-shell) where installed:
 * the same Blink and V8 as /usr/bin/chromium without the browser's own UI
 * processes, so a page costs half the CPU, and the suite runs on two cores.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium');

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
  identity?: {
    name: string;
    sector: 'public' | 'private' | 'civil' | 'other';
    where?: 'room' | 'remote';
    /** A facilitator is neutral (no dots) unless this says they vote too. */
    facilitatorVotes?: boolean;
  };
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

export interface BrowserAndServer {
  /** Available from `beforeAll` on. */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A laptop-shaped context, closed with the file. */
  desktop(opts?: ContextOptions): Promise<BrowserContext>;
  /** A phone-shaped context, closed with the file. */
  phone(opts?: ContextOptions): Promise<BrowserContext>;
}

/**
 * One server and one Chromium for a test file: started in `beforeAll`,
 * stopped in `afterAll` together with every context opened through it.
 */
export function useBrowserAndServer(serverOptions: StartOptions = {}): BrowserAndServer {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started yet: use it inside a test or a hook`);
    return v;
  };
  const track = (c: BrowserContext): BrowserContext => (contexts.push(c), c);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(serverOptions), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    desktop: async (opts) => track(await desktopContext(started(browser, 'the browser'), opts)),
    phone: async (opts) => track(await phoneContext(started(browser, 'the browser'), opts)),
  };
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

/** Adds a note from the toolbar and types into it (the new note takes focus); returns its id. */
export async function addNote(page: Page, text: string): Promise<string> {
  const before = await page.locator('[data-note-id]').count();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('[data-note-id]').nth(before).waitFor();
  const focused = page.locator('[data-note-id]:has(textarea:focus)');
  await focused.waitFor();
  await page.keyboard.type(text);
  return (await focused.getAttribute('data-note-id')) ?? '';
}

/**
 * How many mounted note cards on the page show exactly `text`: a card's
 * textarea, or on a chip (the board zoomed out) its paragraph. Runs in the
 * page, so it is a function rather than a string: waitForFunction evaluates a
 * string again at every poll, which the app's CSP (no 'unsafe-eval') refuses
 * once the first, synchronous check has failed. No named functions inside:
 * the test transform's name helper does not exist in the page.
 */
const notesShowing = (text: string): number =>
  [...document.querySelectorAll('.note[data-note-id]')].filter(
    (el) => (el.querySelector('textarea')?.value ?? el.querySelector('[data-note-text]')?.textContent ?? null) === text,
  ).length;

/** Resolves once some note card on `page` shows `text`. */
export async function waitForNoteText(page: Page, text: string, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(notesShowing, text, { timeout: timeoutMs });
}

/** How many note cards on `page` show exactly `text`. */
export const countNotesWithText = (page: Page, text: string): Promise<number> => page.evaluate(notesShowing, text);
