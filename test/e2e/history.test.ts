/**
 * Version history and per-person undo, in real browsers against the real
 * server: each person's Ctrl+Z takes back only their own edits, on every
 * screen; an undo the server refuses is explained and the board stays as it
 * was on screen (same view, nothing remounted).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

/**
 * The x of a note's translate() (world coordinates), NaN when it is not on
 * the board. The board is fitted first: notes outside the view are culled.
 */
async function noteX(page: Page, id: string): Promise<number> {
  await page.getByRole('button', { name: 'Fit to content' }).click();
  return page.evaluate((noteId) => {
    const style = document.querySelector(`[data-note-id="${noteId}"]`)?.getAttribute('style') ?? '';
    const m = /translate\(([-\d.]+)px/.exec(style);
    return m ? Number(m[1]) : NaN;
  }, id);
}

/** Moves a note right with the keyboard, through its drag handle, and leaves the focus on the handle. */
async function moveRight(page: Page, id: string): Promise<void> {
  const x0 = await noteX(page, id);
  await page.locator(`[data-note-id="${id}"]`).getByRole('button', { name: 'Move note' }).focus();
  await page.keyboard.press('Space');
  await page.locator(`[data-note-id="${id}"].is-dragging`).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.locator(`[data-note-id="${id}"].is-dragging`).waitFor({ state: 'detached' });
  await waitUntil(async () => (await noteX(page, id)) > x0 + 10, 'the note to move');
}

const noteCount = async (page: Page, id: string): Promise<number> => (Number.isNaN(await noteX(page, id)) ? 0 : 1);

describe('undo', () => {
  it('takes back only the presser’s own edits, on both screens', async () => {
    const room = await createRoom(env.server, 'Undo');
    const [f, a, b] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
      env.desktop({ identity: { name: 'Bruno Neri', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');
    const [pa, pb] = await Promise.all([openLink(a, room.links.participant), openLink(b, room.links.participant)]);

    const mine = await addNote(pa, 'Anna writes this');
    const start = await noteX(pa, mine);
    await moveRight(pa, mine);
    await addNote(pb, 'Bruno writes that');
    await waitForNoteText(pa, 'Bruno writes that');
    await waitUntil(async () => (await noteX(pb, mine)) > start + 10, 'the move to reach Bruno');

    // The focus is on a toolbar button, not in a text field: Ctrl+Z is the board's undo.
    await pa.keyboard.press('Control+z');
    // Generous: on two loaded cores the undo's round trip to the other screen can take more than the default 10 s.
    await waitUntil(async () => (await noteX(pb, mine)) === start, 'the move undone on Bruno’s screen', 30_000);
    await waitUntil(async () => (await noteX(pa, mine)) === start, 'the move undone on Anna’s screen', 30_000);
    await pa.keyboard.press('Control+z');
    // Writing the note may be one step or two (creation, then typing after a pause): undo until it is gone.
    for (let i = 0; i < 2 && (await noteCount(pb, mine)) > 0; i++) {
      await waitUntil(async () => (await noteCount(pb, mine)) === 0 || (await countNotesWithText(pb, 'Anna writes this')) === 0, 'an undo to land');
      if ((await noteCount(pb, mine)) > 0) await pa.keyboard.press('Control+z');
    }
    await waitUntil(async () => (await noteCount(pb, mine)) === 0 && (await noteCount(pa, mine)) === 0, 'Anna’s note gone on both screens');
    expect(await countNotesWithText(pa, 'Bruno writes that')).toBe(1);
    expect(await countNotesWithText(pb, 'Bruno writes that')).toBe(1);

    // Redo brings it back, from the toolbar this time.
    await pa.getByRole('button', { name: 'Redo' }).click();
    await waitUntil(async () => (await noteCount(pb, mine)) === 1, 'the redo on Bruno’s screen');
  }, 90_000);

  it('explains an undo the server refuses, and keeps the board as it was on screen', async () => {
    const room = await createRoom(env.server, 'Refused undo');
    const [f, a] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');
    const pa = await openLink(a, room.links.participant);
    await addNote(pa, 'Kept after the lock');
    await waitForNoteText(facilitator, 'Kept after the lock');

    // A view of Anna's own, and a mark that a remount would lose.
    await pa.getByRole('application').focus();
    const unzoomed = await pa.locator('.zoom-level').textContent();
    await pa.keyboard.press('+');
    await waitUntil(async () => (await pa.locator('.zoom-level').textContent()) !== unzoomed, 'the zoom to apply');
    const zoom = await pa.locator('.zoom-level').textContent();
    await pa.evaluate(() => document.querySelector<HTMLElement>('.board')!.setAttribute('data-probe', 'still here'));

    await facilitator.getByRole('button', { name: 'Lock board' }).click();
    await pa.getByText('The facilitator has locked the board').waitFor();
    await pa.getByRole('button', { name: 'Undo' }).click();

    await pa.getByRole('status').filter({ hasText: 'Your undo was not applied: the board is locked.' }).waitFor();
    await waitForNoteText(pa, 'Kept after the lock');
    expect(await pa.locator('.board[data-probe="still here"]').count()).toBe(1);
    expect(await pa.locator('.zoom-level').textContent()).toBe(zoom);
    expect(await countNotesWithText(facilitator, 'Kept after the lock')).toBe(1);

    // The refused undo is back on the stack: once unlocked, it goes through.
    await facilitator.getByRole('button', { name: 'Unlock board' }).click();
    await pa.getByRole('button', { name: 'Add note' }).waitFor();
    await pa.getByRole('button', { name: 'Undo' }).click();
    await waitUntil(async () => (await countNotesWithText(facilitator, 'Kept after the lock')) === 0, 'the undo, tried again, taken');
  }, 90_000);
});

describe('version history', () => {
  it('saves a version, restores it after a mistake for everyone, and Ctrl+Z undoes the restore', async () => {
    const room = await createRoom(env.server, 'Versions');
    const [f, a] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const participant = await openLink(a, room.links.participant);
    await facilitator.getByRole('button', { name: 'New scenario' }).click();
    const frame = facilitator.locator('[data-scenario-frame]');
    await frame.waitFor();
    await participant.locator('[data-scenario-frame]').waitFor();

    await facilitator.getByRole('button', { name: 'Versions' }).click();
    await facilitator.getByRole('textbox', { name: 'Version name' }).fill('With the scenario');
    await facilitator.getByRole('button', { name: 'Save a version' }).click();
    await facilitator.getByText('With the scenario').waitFor();
    await facilitator.getByRole('button', { name: 'Close', exact: true }).click();

    // The mistake: the scenario is deleted, on every screen.
    await frame.getByRole('button', { name: 'Scenario options' }).click();
    await facilitator.getByRole('button', { name: 'Delete scenario' }).click();
    await facilitator.getByRole('button', { name: 'Delete', exact: true }).click();
    await waitUntil(async () => (await participant.locator('[data-scenario-frame]').count()) === 0, 'the scenario gone for the participant');

    // Browse the version read-only, then restore it.
    await facilitator.getByRole('button', { name: 'Versions' }).click();
    await facilitator.getByRole('button', { name: 'Preview: With the scenario' }).click();
    const preview = facilitator.getByRole('region', { name: /Read-only preview/ });
    await preview.locator('[data-preview-scenario]').waitFor();
    expect(await preview.locator('textarea, input').count()).toBe(0);
    await facilitator.getByRole('button', { name: 'Restore this version' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'restored' }).waitFor();
    await participant.locator('[data-scenario-frame]').waitFor();
    await frame.waitFor();

    // What the restore replaced was saved first.
    await facilitator.getByRole('button', { name: 'Versions' }).click();
    await facilitator.getByText(/Before a restore: With the scenario/).waitFor();
    await facilitator.getByRole('button', { name: 'Close', exact: true }).click();
    // Shortcuts are the dialog's while it is open.
    await facilitator.locator('dialog[open]').waitFor({ state: 'detached' });

    // The restore is the facilitator's own edit: Ctrl+Z takes it back, for everyone.
    await facilitator.getByRole('application').focus();
    await facilitator.keyboard.press('Control+z');
    await waitUntil(async () => (await participant.locator('[data-scenario-frame]').count()) === 0, 'the restore undone for the participant');
  }, 90_000);
});
