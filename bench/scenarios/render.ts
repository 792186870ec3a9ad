/**
 * Client rendering (Tavolo only): the real server with a temporary data
 * directory, a room of 2,000 notes in 20 scenarios written by a real Yjs
 * client, opened as the facilitator in headless Chromium (software
 * rendering). Timed in the page with requestAnimationFrame: navigation to
 * the first notes on screen and to synced, then frame times while panning
 * and while dragging one note, at 100 % zoom and zoomed out to the whole
 * board (every note mounted). Each run is a fresh page on the same room.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { BenchOptions } from '../options';
import { summarize, type LatencySummary } from '../report/stats';
import type { Table } from '../report/table';
import { repoRoot } from '../servers/spawnServer';
import { tavolo } from '../servers/targets';
import { firstPaint, framesDuring, mountedNotes, settle, WATCH_FIRST_PAINT } from '../render/framePage';
import { seedRenderBoard } from '../render/seedBoard';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Targets from issue 11. */
export const RENDER_TARGETS = { firstNotesMs: 1000, dragP95Ms: 16.7, dragMaxMs: 50 };
/**
 * requestAnimationFrame deltas at 60 Hz read 16.6–16.8 ms with no frame
 * dropped: a p95 within this of one frame is 60 fps (a dropped frame reads 33).
 */
const FRAME_JITTER_MS = 0.5;
const WHEEL_EVENTS = 60;
const WHEEL_STEP_PX = 40;
const DRAG_MOVES = 60;

export type GestureName = 'pan 100 %' | 'pan zoomed out' | 'drag 100 %' | 'drag zoomed out';
const GESTURES: GestureName[] = ['pan 100 %', 'pan zoomed out', 'drag 100 %', 'drag zoomed out'];

export interface RenderRun {
  firstNotesMs: number;
  syncedMs: number;
  /** Cards mounted at 100 % and after zooming out. */
  mounted: { atFull: number; zoomedOut: number };
  frames: Record<GestureName, LatencySummary>;
}

export interface RenderResult {
  notes: number;
  scenarios: number;
  runs: RenderRun[];
}

export async function runRender(opts: BenchOptions, say: (msg: string) => void): Promise<RenderResult> {
  // BENCH_RENDER_DIST measures another client build (say, one saved before a change) while dist/ is rebuilt.
  const staticDir = path.resolve(process.env.BENCH_RENDER_DIST ?? path.join(repoRoot, 'dist'));
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('render: no client build in dist/; run `npx vite build` first');
  const running = await tavolo.start({ env: { STATIC_DIR: staticDir } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const runs: RenderRun[] = [];
  try {
    const room = await seedRenderBoard(running.server.httpUrl, running.server.wsUrl, opts.renderNotes, opts.renderScenarios);
    for (let i = 0; i < opts.renderRuns; i++) {
      const run = await measureOnce(browser, room.facilitatorLink, opts.renderNotes);
      runs.push(run);
      say(
        `  run ${i + 1}: first notes ${run.firstNotesMs.toFixed(0)} ms; ` +
          GESTURES.map((g) => `${g} p95 ${run.frames[g].p95.toFixed(1)} max ${run.frames[g].max.toFixed(0)}`).join('; '),
      );
    }
  } finally {
    await browser.close();
    await running.server.kill();
    if (running.dataDir) fs.rmSync(running.dataDir, { recursive: true, force: true });
  }
  return { notes: opts.renderNotes, scenarios: opts.renderScenarios, runs };
}

async function measureOnce(browser: import('playwright-core').Browser, link: string, notes: number): Promise<RenderRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  try {
    // A stored profile skips the join dialog, as on the facilitator's own laptop.
    await context.addInitScript(`localStorage.setItem('tavolo.identity', ${JSON.stringify(JSON.stringify({ name: 'Giulia Rossi', sector: 'public', where: 'room' }))});`);
    await context.addInitScript(WATCH_FIRST_PAINT);
    const page = await context.newPage();
    await page.goto(link);
    const paint = await firstPaint(page);
    await settle(page);
    const atFull = await mountedNotes(page);
    const frames = {} as Record<GestureName, LatencySummary>;
    frames['pan 100 %'] = summarize(Float64Array.from(await framesDuring(page, () => pan(page))));
    frames['drag 100 %'] = summarize(Float64Array.from(await framesDuring(page, () => dragOneNote(page, 0.5))));
    await page.getByRole('button', { name: 'Fit to content' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.canvas .layer-notes:not(.layer-drafts) [data-note-id]').length >= n, notes, { timeout: 60_000 });
    await settle(page);
    const zoomedOut = await mountedNotes(page);
    frames['pan zoomed out'] = summarize(Float64Array.from(await framesDuring(page, () => pan(page))));
    frames['drag zoomed out'] = summarize(Float64Array.from(await framesDuring(page, () => dragOneNote(page, 0.5))));
    return { ...paint, mounted: { atFull, zoomedOut }, frames };
  } finally {
    await context.close();
  }
}

/** Wheel scrolls pan the canvas: right then back left, so the board stays on screen. */
async function pan(page: Page): Promise<void> {
  const box = (await page.locator('.canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < WHEEL_EVENTS; i++) await page.mouse.wheel(i < WHEEL_EVENTS / 2 ? WHEEL_STEP_PX : -WHEEL_STEP_PX, 0);
}

/** Drags the handle of the on-screen note nearest `at` (a fraction of the canvas) by a third of the canvas, in many pointer moves. */
async function dragOneNote(page: Page, at: number): Promise<void> {
  const canvas = (await page.locator('.canvas').boundingBox())!;
  const target = { x: canvas.x + canvas.width * at, y: canvas.y + canvas.height * at };
  const handle = await page.evaluate(({ x, y }) => {
    let best: { x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll('.canvas .layer-notes:not(.layer-drafts) [data-drag-handle]')) {
      const r = el.getBoundingClientRect();
      const c = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      const d = Math.hypot(c.x - x, c.y - y);
      if (!best || d < best.d) best = { ...c, d };
    }
    return best;
  }, target);
  if (!handle) throw new Error('render: no draggable note on screen');
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  await page.mouse.move(handle.x + canvas.width / 3, handle.y + canvas.height / 6, { steps: DRAG_MOVES });
  await page.mouse.up();
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
/** Median over runs with the range, e.g. "12.3 (11.8–14.0)". */
function spread(xs: number[], digits = 1): string {
  if (xs.length === 0) return 'n/a';
  const f = (n: number): string => n.toFixed(digits);
  return xs.length === 1 ? f(xs[0]!) : `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
}

export function renderTable(r: RenderResult): Table {
  const pick = (g: GestureName, k: 'p50' | 'p95' | 'max'): string => spread(r.runs.map((x) => x.frames[g][k]));
  const frames = (g: GestureName): number[] => r.runs.map((x) => x.frames[g].samples);
  return {
    title: `Client rendering: ${r.notes} notes in ${r.scenarios} scenarios, facilitator in headless Chromium (software rendering), ms; median (min–max) over ${r.runs.length} run(s)`,
    head: ['measure', 'p50', 'p95', 'max', 'frames', 'cards mounted', 'target'],
    rows: [
      ['navigation → first notes on screen', spread(r.runs.map((x) => x.firstNotesMs), 0), '', '', '', '', `< ${RENDER_TARGETS.firstNotesMs}`],
      ['navigation → synced', spread(r.runs.map((x) => x.syncedMs), 0), '', '', '', '', ''],
      ...GESTURES.map((g) => [
        `${g} (frame time)`,
        pick(g, 'p50'),
        pick(g, 'p95'),
        pick(g, 'max'),
        spread(frames(g), 0),
        spread(r.runs.map((x) => (g.endsWith('100 %') ? x.mounted.atFull : x.mounted.zoomedOut)), 0),
        g.startsWith('drag') ? `p95 < ${RENDER_TARGETS.dragP95Ms}, max < ${RENDER_TARGETS.dragMaxMs}` : '',
      ]),
    ],
    notes: [
      `Frame time = requestAnimationFrame delta in the page (16.6–16.8 ms at 60 Hz with no frame dropped; the p95 target allows that jitter). Pan: ${WHEEL_EVENTS} wheel scrolls of ${WHEEL_STEP_PX} px. Drag: one note by its handle, ${DRAG_MOVES} pointer moves over a third of the canvas, then dropped (drop included). Zoomed out = "Fit to content", every note mounted.`,
    ],
  };
}

export function renderMisses(r: RenderResult): string[] {
  const misses: string[] = [];
  const first = median(r.runs.map((x) => x.firstNotesMs));
  if (!(first < RENDER_TARGETS.firstNotesMs)) misses.push(`render: first notes on screen after ${first.toFixed(0)} ms ≥ ${RENDER_TARGETS.firstNotesMs} ms`);
  for (const g of ['drag 100 %', 'drag zoomed out'] as const) {
    const p95 = median(r.runs.map((x) => x.frames[g].p95));
    const max = median(r.runs.map((x) => x.frames[g].max));
    if (!(p95 < RENDER_TARGETS.dragP95Ms + FRAME_JITTER_MS)) misses.push(`render ${g}: frame p95 ${p95.toFixed(1)} ms ≥ ${RENDER_TARGETS.dragP95Ms} ms`);
    if (!(max < RENDER_TARGETS.dragMaxMs)) misses.push(`render ${g}: worst frame ${max.toFixed(0)} ms ≥ ${RENDER_TARGETS.dragMaxMs} ms`);
  }
  return misses;
}
