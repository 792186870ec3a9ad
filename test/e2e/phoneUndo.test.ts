/**
 * Undo and Redo on the phone view, in real browsers against the real server:
 * the phone takes back its own notes, step by step, on every screen, and
 * leaves everyone else's alone; an undo the server refuses is explained on
 * the phone, as on the laptop (the same undo manager and the same toast).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

/** How many note rows of the phone's lists show `text` (the folded list of others' notes included). */
const phoneRows = (phone: Page, text: string): Promise<number> =>
  phone.locator('li[data-note-id] .phone-item-text').evaluateAll((els, t) => els.filter((e) => e.textContent === t).length, text);

async function writeOnPhone(phone: Page, text: string): Promise<void> {
  await phone.getByLabel('Write a note').fill(text);
  await phone.getByRole('button', { name: 'Add note' }).click();
  await waitUntil(async () => (await phoneRows(phone, text)) === 1, `“${text}” listed on the phone`);
}

/** Generous: on two loaded cores a round trip to the other screen can take more than the default 10 s. */
const SLOW = 30_000;

describe('undo on the phone', () => {
  it('takes back the phone’s own notes on every screen, redoes, and explains a refused undo', async () => {
    const room = await createRoom(env.server, 'Phone undo');
    const [f, p, b] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.phone({ identity: { name: 'Anna Verdi', sector: 'civil' } }),
      env.desktop({ identity: { name: 'Bruno Neri', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    // Discussion: notes go straight onto the board (in Listening they would be private drafts, which have no undo).
    await advanceToPhase(facilitator, 'discussion');
    const [phone, bruno] = await Promise.all([openLink(p, room.links.participant), openLink(b, room.links.participant)]);
    await phone.locator('.phone').waitFor();

    const undo = phone.getByRole('button', { name: 'Undo' });
    const redo = phone.getByRole('button', { name: 'Redo' });
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.isDisabled()).toBe(true);
    // Touch-sized: at least 44 CSS pixels high.
    expect((await undo.boundingBox())?.height).toBeGreaterThanOrEqual(44);

    await addNote(bruno, 'Bruno writes that');
    await writeOnPhone(phone, 'First from the phone');
    await writeOnPhone(phone, 'Second from the phone');
    // The phone puts its notes near the board's origin, a few cells out by the
    // writer's seed, so they may lie off the laptops' screens, where cards are
    // culled: each laptop fits the board to content once both notes are there.
    for (const laptop of [bruno, facilitator]) {
      await waitUntil(
        async () => {
          await laptop.getByRole('button', { name: 'Fit to content' }).click();
          return (await countNotesWithText(laptop, 'Second from the phone')) === 1 && (await countNotesWithText(laptop, 'First from the phone')) === 1;
        },
        'both phone notes on a laptop’s screen',
        SLOW,
      );
    }
    await waitUntil(async () => (await phoneRows(phone, 'Bruno writes that')) === 1, 'Bruno’s note on the phone', SLOW);
    expect(await undo.isDisabled()).toBe(false);

    // Each note is a step of its own, however quickly the second followed the first.
    await undo.click();
    await waitUntil(async () => (await countNotesWithText(bruno, 'Second from the phone')) === 0, 'the second note gone for Bruno', SLOW);
    expect(await countNotesWithText(bruno, 'First from the phone')).toBe(1);
    expect(await phoneRows(phone, 'Second from the phone')).toBe(0);
    await undo.click();
    await waitUntil(async () => (await countNotesWithText(bruno, 'First from the phone')) === 0, 'the first note gone for Bruno', SLOW);
    await waitUntil(async () => (await phoneRows(phone, 'First from the phone')) === 0, 'the first note gone on the phone');
    expect(await undo.isDisabled()).toBe(true);
    // Bruno's note was never touched, on either screen.
    expect(await countNotesWithText(bruno, 'Bruno writes that')).toBe(1);
    expect(await phoneRows(phone, 'Bruno writes that')).toBe(1);
    expect(await countNotesWithText(facilitator, 'Bruno writes that')).toBe(1);

    await redo.click();
    await waitForNoteText(bruno, 'First from the phone', SLOW);

    // Locked: the phone's undo is refused by the server, and the phone says why.
    await facilitator.getByRole('button', { name: 'Lock board' }).click();
    await phone.getByText('The facilitator has locked the board').waitFor();
    await undo.click();
    await phone.getByRole('status').filter({ hasText: 'Your undo was not applied: the board is locked.' }).waitFor({ timeout: SLOW });
    await waitUntil(async () => (await phoneRows(phone, 'First from the phone')) === 1, 'the note back on the phone');
    expect(await countNotesWithText(bruno, 'First from the phone')).toBe(1);
    expect(await countNotesWithText(facilitator, 'First from the phone')).toBe(1);
  }, 120_000);
});
