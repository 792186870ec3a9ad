/**
 * Dragging one note on a board of 200 renders that note alone: the other
 * cards stay as they are from pick-up to drop, and the dragged card moves
 * through its element, not a React render per pointer move. Counted renders,
 * not timings, so it holds on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { createNote } from '../../shared/notes';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { createRoom } from '../helpers/server';
import { openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';
import { countNoteRenders, noteRenders, resetNoteRenders } from '../helpers/renderCounter';
import { joinRoom } from '../helpers/yclient';

const env = useBrowserAndServer();
const NOTES = 200;
const COLUMNS = 20;
const POINTER_MOVES = 30;
/** The drop writes the new position once; a render or two around it is the card showing it. */
const DRAGGED_RENDERS_MAX = 3;

describe('dragging a note on a large board', () => {
  it('renders only the dragged note, not the other 199, from pick-up to drop', async () => {
    const room = await createRoom(env.server, 'Tavolo grande');
    const writer = await joinRoom(env.server, room);
    const author = { id: writer.creds.participantId!, name: 'Giulia Rossi', sector: 'public' as const, facilitator: true };
    const ids = Array.from({ length: NOTES }, (_, i) =>
      createNote(writer.doc, { x: (i % COLUMNS) * (NOTE_WIDTH + 24), y: Math.floor(i / COLUMNS) * (NOTE_HEIGHT + 40), text: `Nota ${i}`, author }),
    );
    await waitUntil(async () => {
      const res = await fetch(`${env.server.url}/api/rooms/${room.roomId}`);
      return ((await res.json()) as { notes: number }).notes === NOTES;
    }, 'the 200 notes stored');
    writer.destroy();

    const context = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    await countNoteRenders(context);
    const page = await openLink(context, room.links.facilitator);
    await page.getByRole('button', { name: 'Fit to content' }).click();
    await waitUntil(async () => (await page.locator('.canvas [data-note-id]').count()) === NOTES, 'all 200 notes on screen');

    const dragged = ids[NOTES / 2 + COLUMNS / 2]!;
    const card = page.locator(`[data-note-id="${dragged}"]`);
    const before = await card.getAttribute('style');
    const handle = (await card.locator('[data-drag-handle]').boundingBox())!;
    await resetNoteRenders(page);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 150, handle.y + 90, { steps: POINTER_MOVES });
    await waitUntil(async () => (await card.getAttribute('style')) !== before, 'the dragged card following the pointer');
    const during = await noteRenders(page);
    await page.mouse.up();
    await waitUntil(async () => !(await card.getAttribute('class'))!.includes('is-dragging'), 'the note dropped');
    await page.waitForFunction('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    const after = await noteRenders(page);

    const others = (counts: Record<string, number>): string[] => Object.keys(counts).filter((id) => id !== dragged);
    expect(others(during), 'other cards rendered during the drag').toEqual([]);
    expect(during[dragged] ?? 0, 'renders of the dragged card while it moves').toBeLessThanOrEqual(DRAGGED_RENDERS_MAX);
    expect(others(after), 'other cards rendered by the drop').toEqual([]);
    expect(after[dragged] ?? 0).toBeLessThanOrEqual(DRAGGED_RENDERS_MAX);
  });
});
