/** The board works from the keyboard alone: add, move, zoom. */
import { describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server';
import { openLink, useBrowserAndServer } from '../helpers/browser';

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
