/**
 * The board seen from far away, in real browsers against the real server:
 * zoomed out, notes are chips (a block with the text, then a block alone),
 * a chip is dragged like a card and the move reaches the other screen, and
 * double-clicking one brings the full cards back at 100 %.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

const BOARD = '.canvas .layer-notes:not(.layer-drafts)';

/** Presses Zoom out `times` times. */
async function zoomOut(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
}

/** A note's world position on `page`, as its card's transform says. */
const positionOn = (page: Page, id: string): Promise<string | null> =>
  page.locator(`${BOARD} [data-note-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

describe('the board from far away', () => {
  it('shows chips when zoomed out, moves a dragged chip on every screen, and opens the full cards on a double-click', async () => {
    const room = await createRoom(env.server, 'Plenaria');
    const [f, p] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');
    const participant = await openLink(p, room.links.participant);
    const first = await addNote(facilitator, 'Wetlands along the river');
    await addNote(facilitator, 'Bike lanes');
    await facilitator.locator('.canvas').click({ position: { x: 20, y: 20 } });

    // 40 %: chips with their text, no card controls, no textarea.
    await zoomOut(facilitator, 5);
    await facilitator.locator(`${BOARD} [data-note-id][data-simple]`).nth(1).waitFor();
    expect(await facilitator.locator(`${BOARD} textarea`).count()).toBe(0);
    expect(await facilitator.locator(`${BOARD} [data-note-id="${first}"] [data-note-text]`).textContent()).toBe('Wetlands along the river');

    // Dragged by the chip itself: the note moves for the participant too.
    const before = await waitUntilPosition(participant, first);
    const box = (await facilitator.locator(`${BOARD} [data-note-id="${first}"]`).boundingBox())!;
    await facilitator.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await facilitator.mouse.down();
    await facilitator.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 12 });
    await facilitator.mouse.up();
    await waitUntil(async () => (await positionOn(participant, first)) !== before, 'the dragged chip’s note moved on the participant’s screen');
    // 120 screen px at 40 % zoom is 300 world px, as the participant sees it.
    const [x0] = parse(before);
    const [x1] = parse((await positionOn(participant, first))!);
    expect(Math.round(x1 - x0)).toBeGreaterThan(250);

    // Further out still: blocks without text.
    await zoomOut(facilitator, 3);
    await waitUntil(async () => (await facilitator.locator(`${BOARD} [data-note-text]`).count()) === 0, 'chips without text');
    expect(await facilitator.locator(`${BOARD} [data-note-id][data-simple]`).count()).toBe(2);

    // A double-click on a chip opens the board at 100 % there: full cards again.
    const chip = (await facilitator.locator(`${BOARD} [data-note-id="${first}"]`).boundingBox())!;
    await facilitator.mouse.dblclick(chip.x + chip.width / 2, chip.y + chip.height / 2);
    await facilitator.locator(`${BOARD} [data-note-id="${first}"] textarea`).waitFor();
    expect(await facilitator.locator(`${BOARD} [data-simple]`).count()).toBe(0);
    expect(await facilitator.getByRole('button', { name: 'Zoom 100%' }).count()).toBe(1);
  });
});

async function waitUntilPosition(page: Page, id: string): Promise<string> {
  let found: string | null = null;
  await waitUntil(async () => (found = await positionOn(page, id).catch(() => null)) !== null && found !== '', 'the note on the participant’s screen');
  return found!;
}

function parse(transform: string): [number, number] {
  const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no translate in ${transform}`);
  return [Number(m[1]), Number(m[2])];
}
