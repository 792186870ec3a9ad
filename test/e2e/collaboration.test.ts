/**
 * Two people in one workshop, a facilitator on a laptop and a participant on
 * a phone (in board view), each in their own browser context against the
 * real server, each entering through their own link.
 */
import { describe, expect, it } from 'vitest';
import { setVotingField } from '../helpers/voting';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

interface Pair {
  desktop: Page;
  phone: Page;
}

/** A fresh room opened by a facilitator (desktop) and a participant (phone). */
async function openRoomInBoth(title = 'Mobility plan 2030'): Promise<Pair> {
  const room = await createRoom(env.server, title);
  // The facilitator votes too here, as a public body.
  const d = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public', facilitatorVotes: true } });
  const p = await env.phone({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
  const [desktop, phone] = await Promise.all([openLink(d, room.links.facilitator), openLink(p, room.links.participant)]);
  return { desktop, phone };
}

describe('a workshop shared between a laptop and a phone', () => {
  it('shows a note written on the laptop on the phone', async () => {
    const { desktop, phone } = await openRoomInBoth();
    await addNote(desktop, 'Bike lanes on every arterial road');
    await phone.getByRole('button', { name: 'Fit to content' }).click();
    await waitForNoteText(phone, 'Bike lanes on every arterial road');
    // Author and sector travel with the note, as words, not only colour.
    const card = phone.locator('[data-note-id]').first();
    await card.getByText('Giulia Rossi').waitFor();
    await card.getByText('Public').waitFor();
  });

  it('puts a note dragged into a scenario on the laptop into that scenario on the phone', async () => {
    const { desktop, phone } = await openRoomInBoth();
    const noteId = await addNote(desktop, 'Free buses for students');
    await desktop.getByRole('button', { name: 'New scenario' }).click();
    const frame = desktop.locator('[data-scenario-frame]').first();
    await frame.waitFor();
    const scenarioId = await frame.getAttribute('data-scenario-frame');
    expect(await frame.getAttribute('data-note-count')).toBe('0');

    // A new frame in free space pans the board to show it, which can leave the
    // note above the canvas, under the header; a person fits the board to see both.
    await desktop.getByRole('button', { name: 'Fit to content' }).click();
    // A real mouse drag by the note's handle, in small steps, once the view has settled.
    const handle = desktop.locator(`[data-note-id="${noteId}"] [data-drag-handle]`);
    let settled = '';
    await waitUntil(async () => {
      const now = JSON.stringify([await handle.boundingBox(), await frame.boundingBox()]);
      const same = now === settled;
      settled = now;
      return same;
    }, 'the board to stop moving');
    // A drag that a loaded machine drops midway is simply done again, as a person would.
    const dropped = desktop.locator(`[data-scenario-frame="${scenarioId}"][data-note-count="1"]`);
    await waitUntil(async () => {
      const from = await handle.boundingBox();
      const box = await frame.boundingBox();
      if (!from || !box) return false;
      await desktop.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await desktop.mouse.down();
      // Aim at the frame's middle, kept inside the canvas and above the floating toolbar.
      const canvas = (await desktop.locator('.canvas').boundingBox())!;
      const toolbar = await desktop.locator('.toolbar').boundingBox();
      const bottom = Math.min(canvas.y + canvas.height, toolbar?.y ?? Infinity) - 20;
      const to = {
        x: Math.min(Math.max(box.x + box.width / 2, canvas.x + 20), canvas.x + canvas.width - 20),
        y: Math.min(Math.max(box.y + box.height / 2 + 20, canvas.y + 20), bottom),
      };
      await desktop.mouse.move(to.x + 10, to.y + 10, { steps: 12 });
      await desktop.mouse.move(to.x, to.y, { steps: 4 });
      await desktop.mouse.up();
      return dropped
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
    }, 'the note dropped into the scenario', 40_000);
    await desktop.locator(`[data-scenario-frame="${scenarioId}"][data-note-count="1"]`).waitFor();

    await phone.getByRole('button', { name: 'Fit to content' }).click();
    await phone.locator(`[data-scenario-frame="${scenarioId}"][data-note-count="1"]`).waitFor();
    await phone.locator(`[data-note-id="${noteId}"][data-scenario-id="${scenarioId}"]`).waitFor();
    await phone.locator(`[data-scenario-frame="${scenarioId}"]`).getByText('1 note').waitFor();
  });

  it('re-ranks the results on the phone when the laptop places a dot', async () => {
    const { desktop, phone } = await openRoomInBoth();
    const alpha = await addNote(desktop, 'Alpha: congestion charge');
    const beta = await addNote(desktop, 'Beta: school streets');
    // Dots are placed in the Priorities phase, which the facilitator opens;
    // open voting shows totals live (secret voting is tested in priorities.test.ts).
    await advanceToPhase(desktop, 'priorities');
    await desktop.getByLabel('Voting mode').selectOption('open');
    // Two people only: show every sector's part (the anonymity guard is tested in priorities.test.ts).
    await setVotingField(desktop, 'Anonymity: smallest group shown', '1');
    // The facilitation panel narrowed the canvas: bring both notes into the clear, above the toolbar.
    await desktop.getByRole('button', { name: 'Fit to content' }).click();
    await desktop.locator(`[data-note-id="${alpha}"]`).getByRole('button', { name: 'Add dot' }).click();

    await phone.getByRole('button', { name: 'Results' }).click();
    const results = phone.getByRole('complementary', { name: 'Results' });
    await results.locator(`.result[data-item-id="${alpha}"][data-rank="1"]`).waitFor();

    // Two dots on Beta overtake Alpha's one.
    const betaCard = desktop.locator(`[data-note-id="${beta}"]`);
    await betaCard.getByRole('button', { name: 'Add dot' }).click();
    await betaCard.locator('[data-my-dots="1"]').waitFor();
    await betaCard.getByRole('button', { name: 'Add dot' }).click();
    await results.locator(`.result[data-item-id="${beta}"][data-rank="1"]`).waitFor();
    await results.locator(`.result[data-item-id="${alpha}"][data-rank="2"]`).waitFor();
    await results.locator('.result').first().getByText('Beta: school streets').waitFor();
    // The breakdown names the sector in words.
    await results.locator(`.result[data-item-id="${beta}"]`).getByText('Public 2').waitFor();

    // The laptop's budget went down with each dot.
    await desktop.getByText('2 of 5 dots left').waitFor();
  });

  it('switches the phone to Italian', async () => {
    const { desktop, phone } = await openRoomInBoth();
    await phone.getByRole('button', { name: 'Italiano' }).click();
    await phone.getByRole('button', { name: 'Aggiungi nota' }).waitFor();
    await phone.locator('[data-phase-step="listening"][aria-current="step"]').getByText('Ascolto').waitFor();
    await advanceToPhase(desktop, 'priorities');
    await phone.getByText('5 punti su 5 rimasti').waitFor();
    expect(await phone.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await phone.getByRole('button', { name: 'Add note' }).count()).toBe(0);
  });
});
