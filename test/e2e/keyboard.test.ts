/**
 * The board works from the keyboard alone: add, move, zoom; and a whole
 * participant's workshop (join, write, move into a scenario, vote, commit to
 * an action) with Tab, arrows, Space, Enter and Escape only, focus visible
 * at every step, dialogs holding focus and giving it back.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { advanceToPhase, openLink, useBrowserAndServer, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();

const translateOf = (style: string | null): [number, number] => {
  const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(style ?? '');
  if (!m) throw new Error(`no translate in ${style}`);
  return [Number(m[1]), Number(m[2])];
};

describe('keyboard use of the board', () => {
  it('adds a note with N, moves it with the drag handle and zooms with + and 0', async () => {
    const room = await createRoom(env.server, 'Keyboard');
    const page = await openLink(await env.desktop({ identity: { name: 'Kim', sector: 'other' } }), room.links.facilitator);

    const canvas = page.getByRole('application');
    await canvas.focus();
    await page.keyboard.press('n');
    const note = page.locator('[data-note-id]').first();
    await note.locator('textarea:focus').waitFor();
    await page.keyboard.type('Typed, not an N shortcut');
    expect(await page.locator('[data-note-id]').count()).toBe(1);

    const [x0] = translateOf(await note.getAttribute('style'));
    await note.getByRole('button', { name: 'Move note' }).focus();
    await page.keyboard.press('Space');
    // Arrows move the note only once the pick-up has registered.
    await page.locator('[data-note-id].is-dragging').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    // The drop is announced with the note's words and where it landed.
    await page.waitForFunction(
      () => [...document.querySelectorAll('[id^="DndLiveRegion"]')].some((r) => r.textContent === 'Dropped the note “Typed, not an N shortcut” on the board, in no scenario.'),
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForFunction(
      ([sel, start]) => {
        const m = /translate\(([-\d.]+)px/.exec(document.querySelector<HTMLElement>(sel)?.getAttribute('style') ?? '');
        return m !== null && Number(m[1]) > start + 10;
      },
      [`[data-note-id]`, x0] as const,
      { timeout: 10_000 },
    );

    await canvas.focus();
    await page.keyboard.press('+');
    await page.getByRole('button', { name: 'Zoom 120%' }).waitFor();
    await page.keyboard.press('0');
    await page.getByRole('button', { name: 'Zoom 100%' }).waitFor();
  });
});

/** What has focus, described, or why the focus is not visible; null when it is on something visible. */
async function invisibleFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || !(el instanceof HTMLElement)) return 'focus is on the page body';
    // The focused element, or what draws its ring (a sector option's label, a note's card).
    for (let node: HTMLElement | null = el, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
      const style = getComputedStyle(node);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return null;
    }
    return `no visible focus ring on ${el.outerHTML.slice(0, 120)}`;
  });
}

async function expectVisibleFocus(page: Page, step: string): Promise<void> {
  expect(await invisibleFocus(page), step).toBeNull();
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, { back = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focusedMatches = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);

describe('a participant with the keyboard alone', () => {
  it('joins, writes, moves a note into a scenario, votes and commits to an action, focus always visible', async () => {
    const room = await createRoom(env.server, 'Keyboard workshop');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Fede', sector: 'public' } }), room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');
    const page = await (await env.desktop({ viewMode: 'board' })).newPage();
    await page.goto(room.links.participant);

    // Join: the name field has focus; radios are checked with Space; Enter joins.
    const dialog = page.getByRole('dialog', { name: 'Join the workshop' });
    await dialog.waitFor();
    await page.keyboard.type('Kai');
    await expectVisibleFocus(page, 'name field');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expectVisibleFocus(page, 'sector radio');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'dialog button[type="submit"]');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForSynced(page);
    // Focus lands on the board's tools, never on the page body.
    await page.waitForFunction(() => document.activeElement?.closest('.toolbar') !== null);
    await expectVisibleFocus(page, 'after joining');

    // The toolbar comes before the notes: its first tool adds a note.
    await tabTo(page, '.toolbar button.btn-primary');
    await page.keyboard.press('Enter');
    await page.locator('[data-note-id] textarea:focus').waitFor();
    await page.keyboard.type('Shade trees on the square');
    await expectVisibleFocus(page, 'writing a note');
    const noteId = (await page.locator('[data-note-id]:has(textarea:focus)').getAttribute('data-note-id'))!;
    const note = page.locator(`[data-note-id="${noteId}"]`);

    // Tabbing to a note panned off screen brings it back into view; the browser does not scroll the canvas.
    await page.getByRole('application').focus();
    const canvasBox = (await page.locator('.canvas').boundingBox())!;
    // Just past the right edge: off screen, still mounted (notes near the screen are kept, so Tab can reach them).
    for (let i = 0; i < 30 && (await note.boundingBox())!.x <= canvasBox.x + canvasBox.width; i++) await page.keyboard.press('ArrowLeft');
    expect((await note.boundingBox())!.x).toBeGreaterThan(canvasBox.x + canvasBox.width);
    await tabTo(page, `[data-note-id="${noteId}"] [data-drag-handle]`);
    await page.waitForFunction(
      (id) => {
        const canvas = document.querySelector('.canvas')!.getBoundingClientRect();
        const card = document.querySelector(`[data-note-id="${id}"]`)!.getBoundingClientRect();
        return card.left >= canvas.left && card.right <= canvas.right && card.top >= canvas.top && card.bottom <= canvas.bottom;
      },
      noteId,
    );
    expect(await page.locator('.canvas').evaluate((c) => [c.scrollLeft, c.scrollTop])).toEqual([0, 0]);
    await expectVisibleFocus(page, 'note handle');

    // Scenarios: into the facilitator's new scenario through the note's menu; Escape gives focus back to the menu button.
    await advanceToPhase(facilitator, 'scenarios');
    await facilitator.getByRole('button', { name: 'New scenario' }).click();
    const frameId = (await facilitator.locator('[data-scenario-frame]').first().getAttribute('data-scenario-frame'))!;
    await page.locator(`[data-scenario-frame="${frameId}"]`).waitFor();
    await tabTo(page, `[data-note-id="${noteId}"] .note-menu-btn`);
    await page.keyboard.press('Enter');
    await tabTo(page, `[data-note-id="${noteId}"] .note-menu select`);
    await expectVisibleFocus(page, 'scenario choice');
    await page.keyboard.press('ArrowDown');
    await page.locator(`[data-note-id="${noteId}"][data-scenario-id="${frameId}"]`).waitFor();
    await page.keyboard.press('Escape');
    await page.locator(`[data-note-id="${noteId}"] .note-menu`).waitFor({ state: 'detached' });
    expect(await focusedMatches(page, `[data-note-id="${noteId}"] .note-menu-btn`)).toBe(true);
    await expectVisibleFocus(page, 'after closing the note menu');

    // Priorities: dots on the note by its named button; removing my last dot keeps focus on the item.
    await advanceToPhase(facilitator, 'priorities');
    await page.locator('[data-phase-step="priorities"][aria-current="step"]').first().waitFor();
    const addDot = `[data-note-id="${noteId}"] button[aria-label="Add dot to “Shade trees on the square”"]`;
    await tabTo(page, addDot);
    await page.keyboard.press('Enter');
    await page.locator(`[data-note-id="${noteId}"] [data-my-dots="1"]`).waitFor();
    await tabTo(page, `[data-note-id="${noteId}"] button[aria-label^="Remove dot from"]`, { back: true });
    await page.keyboard.press('Enter');
    await page.locator(`[data-note-id="${noteId}"] [data-my-dots="0"]`).waitFor();
    expect(await focusedMatches(page, addDot)).toBe(true);
    await expectVisibleFocus(page, 'after removing my last dot');
    await page.keyboard.press('Enter');
    await page.locator(`[data-note-id="${noteId}"] [data-my-dots="1"]`).waitFor();

    // The links dialog holds focus while open and gives it back to its opener.
    await tabTo(page, '.board-header button.btn-secondary', { back: true });
    await page.keyboard.press('Enter');
    const links = page.getByRole('dialog', { name: 'Workshop links' });
    await links.waitFor();
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), `Tab ${i + 1} inside the dialog`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await links.waitFor({ state: 'detached' });
    expect(await focusedMatches(page, '.board-header button.btn-secondary')).toBe(true);
    await expectVisibleFocus(page, 'after closing the links dialog');

    // Co-design: commit my sector to the facilitator's action.
    await advanceToPhase(facilitator, 'codesign');
    await facilitator.getByRole('button', { name: 'New action' }).click();
    await page.locator('[data-action-id]').waitFor();
    await tabTo(page, '[data-action-id] button.btn-primary');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Commit my sector');
    await expectVisibleFocus(page, 'commit button');
    await page.keyboard.press('Enter');
    await page.locator('[data-action-id] [data-committed="true"]').first().waitFor();
    await facilitator.locator('[data-action-id] [data-committed="true"]').first().waitFor();
    await expectVisibleFocus(page, 'after committing');
  }, 120_000);
});
