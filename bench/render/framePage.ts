/**
 * In-page measurement for the render scenario: a requestAnimationFrame loop
 * records the time between frames while a gesture runs, and an init script
 * notes when the first notes and the synced state reached the screen,
 * counted from navigation start (performance.now() in the page).
 */
import type { Page } from 'playwright-core';

// Page scripts with inner functions are strings: tsx names functions with a helper the page lacks.
declare global {
  interface Window {
    __renderBench?: { firstNotesMs: number | null; syncedMs: number | null; deltas: number[] | null };
  }
}

/**
 * Runs before the app: polls each frame until notes are on screen and the
 * board is synced. A string, not a function: tsx's name helpers would not
 * exist in the page.
 */
export const WATCH_FIRST_PAINT = `(() => {
  const probe = { firstNotesMs: null, syncedMs: null, deltas: null };
  window.__renderBench = probe;
  const tick = () => {
    if (probe.firstNotesMs === null && document.querySelector('.canvas [data-note-id]')) probe.firstNotesMs = performance.now();
    if (probe.syncedMs === null && document.querySelector('[data-status="connected"][data-synced="true"]')) probe.syncedMs = performance.now();
    if (probe.firstNotesMs === null || probe.syncedMs === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export async function firstPaint(page: Page): Promise<{ firstNotesMs: number; syncedMs: number }> {
  await page.waitForFunction(() => window.__renderBench?.firstNotesMs != null && window.__renderBench.syncedMs != null, null, { timeout: 60_000 });
  return page.evaluate(() => ({ firstNotesMs: window.__renderBench!.firstNotesMs!, syncedMs: window.__renderBench!.syncedMs! }));
}

/** Starts recording frame deltas; resolves on the first frame. */
const START_RECORDING = `new Promise((started) => {
  const probe = window.__renderBench;
  const deltas = [];
  probe.deltas = deltas;
  let last = 0;
  const tick = (now) => {
    if (probe.deltas !== deltas) return;
    if (last) deltas.push(now - last);
    else started();
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Records frame deltas while `gesture` runs. */
export async function framesDuring(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_RECORDING);
  await gesture();
  // Let the frame that shows the gesture's end be counted.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return page.evaluate(() => {
    const probe = window.__renderBench!;
    const d = probe.deltas ?? [];
    probe.deltas = null;
    return d;
  });
}

/** Mounted note cards on the shared board (not drafts). */
export const mountedNotes = (page: Page): Promise<number> => page.locator('.canvas .layer-notes:not(.layer-drafts) [data-note-id]').count();

/** A machine too busy for ten quick frames in a row still moves on after this. */
const SETTLE_LIMIT_MS = 3000;

/** Waits for ten quick frames in a row, so a gesture starts from a settled screen. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((done) => {
    let calm = 0;
    const start = performance.now();
    let last = start;
    const tick = (now) => {
      calm = now - last < 20 ? calm + 1 : 0;
      last = now;
      if (calm >= 10 || now - start > ${SETTLE_LIMIT_MS}) done();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}
