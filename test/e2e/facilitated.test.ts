/**
 * A facilitated hybrid session: a facilitator on a laptop, a participant,
 * and the projector (observer link), each in their own browser context
 * against the real server.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom, type RoomAccess } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

interface Session {
  room: RoomAccess;
  facilitator: Page;
  participant: Page;
  projector: Page;
}

/** A fresh room with its three people; the projector link carries the join token, as "Open projector view" does. */
async function openSession(participantView: 'board' | 'simple' = 'board'): Promise<Session> {
  const room = await createRoom(env.server, 'River contract');
  const f = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
  const p =
    participantView === 'simple'
      ? await env.phone({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'room' } })
      : await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' }, viewMode: 'board' });
  const o = await env.desktop();
  const [facilitator, participant, projector] = await Promise.all([
    openLink(f, room.links.facilitator),
    openLink(p, room.links.participant),
    openLink(o, `${room.links.observer}&join=${room.tokens.participant}`),
  ]);
  return { room, facilitator, participant, projector };
}

describe('a facilitated session with a facilitator, a participant and a projector', () => {
  it('shows a phase change on every screen', async () => {
    const { facilitator, participant, projector } = await openSession();
    for (const page of [facilitator, participant, projector]) {
      await page.locator('[data-phase-step="listening"][aria-current="step"]').waitFor();
    }
    await facilitator.getByRole('button', { name: 'Next phase: Discussion' }).click();
    for (const page of [facilitator, participant, projector]) {
      await page.locator('[data-phase-step="discussion"][aria-current="step"]').waitFor();
    }
    // The facilitator's prompt for the phase reaches everyone.
    await facilitator.getByLabel('Prompt').fill('Which trade-offs worry you most?');
    await facilitator.getByLabel('Prompt').press('Enter');
    await participant.getByText('Which trade-offs worry you most?').waitFor();
    await projector.getByText('Which trade-offs worry you most?').waitFor();
    // Only the facilitator steers the phases.
    expect(await participant.getByRole('button', { name: /Next phase/ }).count()).toBe(0);
  });

  it('gives the projector nothing to edit with', async () => {
    const { facilitator, projector } = await openSession();
    await addNote(facilitator, 'Restore the wetlands');
    await waitForNoteText(projector, 'Restore the wetlands');
    expect(await projector.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    expect(await projector.getByRole('button', { name: 'New scenario' }).count()).toBe(0);
    expect(await projector.getByRole('button', { name: 'Note options' }).count()).toBe(0);
    expect(await projector.locator('[data-note-id] textarea').first().getAttribute('readonly')).not.toBeNull();
    expect(await projector.locator('[data-note-id] [data-drag-handle]').count()).toBe(0);
  });

  it('shows the join QR code on the projector and follows the spotlight', async () => {
    const { room, facilitator, projector } = await openSession();
    const qr = projector.locator('[data-qr]');
    await qr.waitFor();
    // The short join link, which the server hands the projector on every load.
    await projector.locator(`[data-qr="${(room as RoomAccess & { links: { join: string } }).links.join}"]`).waitFor();
    expect(await qr.locator('svg').count()).toBe(1);

    const first = await addNote(facilitator, 'Flood-risk map');
    await addNote(facilitator, 'Second note');
    const card = facilitator.locator(`[data-note-id="${first}"]`);
    await card.getByRole('button', { name: 'Note options' }).click();
    await card.getByRole('button', { name: 'Spotlight' }).click();
    await projector.locator(`.canvas[data-spotlight="${first}"]`).waitFor();
    await projector.locator(`[data-following="${first}"]`).waitFor();
    // The spotlighted note ends up on the projector's screen, centred.
    await waitUntil(async () => {
      const box = await projector.locator(`[data-note-id="${first}"]`).boundingBox();
      const stage = await projector.locator('.projector-stage').boundingBox();
      if (!box || !stage) return false;
      return Math.abs(box.x + box.width / 2 - (stage.x + stage.width / 2)) < 40;
    }, 'the spotlighted note to be centred on the projector');
  });

  it('prints a short join link on the projector that people can type, and it lets them in', async () => {
    const room = (await createRoom(env.server, 'Short link')) as Awaited<ReturnType<typeof createRoom>> & { joinCode: string };
    const projector = await openLink(await env.desktop(), `${room.links.observer}&join=${room.joinCode}`);
    const short = `${env.server.url}/j/${room.joinCode.slice(0, 5)}-${room.joinCode.slice(5)}`;
    await projector.locator(`[data-qr="${short}"]`).waitFor();
    await projector.getByText(short.replace(/^https?:\/\//, '')).waitFor();

    // Someone types it on their phone, in lower case.
    const phone = await (await env.phone({ identity: { name: 'Sara Gialli', sector: 'private', where: 'room' } })).newPage();
    await phone.goto(short.toLowerCase());
    await phone.waitForURL(`**/r/${room.roomId}`);
    await waitForSynced(phone);
    // In as a participant: they may write (privately, in Listening), not steer the session.
    await phone.getByRole('button', { name: 'Add note' }).waitFor();
    expect(await phone.getByRole('button', { name: /^Next phase/ }).count()).toBe(0);
  });

  it('keeps a participant note private until the facilitator reveals it', async () => {
    const { facilitator, participant, projector } = await openSession();
    const draft = await addNote(participant, 'My private worry');
    await participant.locator(`[data-note-id="${draft}"][data-draft]`).waitFor();
    await participant.getByText('Private — only you see this').first().waitFor();

    // A board note makes the round trip; by then the draft would have too, were it public.
    await addNote(facilitator, 'Public marker');
    await waitForNoteText(participant, 'Public marker');
    await waitForNoteText(projector, 'Public marker');
    expect(await countNotesWithText(facilitator, 'My private worry')).toBe(0);
    expect(await countNotesWithText(projector, 'My private worry')).toBe(0);

    await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
    await waitForNoteText(facilitator, 'My private worry');
    await waitForNoteText(projector, 'My private worry');
    // The participant's copy is now the board's note, no longer a draft.
    await waitUntil(
      async () => (await participant.locator(`[data-note-id="${draft}"]:not([data-draft])`).count()) === 1 &&
        (await participant.locator('[data-draft]').count()) === 0,
      'the draft to become a board note for its author',
    );
  });

  it('locks the board for everyone but the facilitator', async () => {
    const { facilitator, participant } = await openSession();
    await participant.getByRole('button', { name: 'Add note' }).waitFor();
    await facilitator.getByRole('button', { name: 'Lock board' }).click();
    await participant.getByText('The facilitator has locked the board').waitFor();
    await waitUntil(async () => (await participant.getByRole('button', { name: 'Add note' }).count()) === 0, 'Add note to disappear');
    await facilitator.getByRole('button', { name: 'Unlock board' }).click();
    await participant.getByRole('button', { name: 'Add note' }).waitFor();
  });

  it('counts down the same timer on every screen, paused and reset by the facilitator', async () => {
    const { facilitator, participant, projector } = await openSession();
    await facilitator.getByLabel('Minutes').fill('1');
    await facilitator.getByRole('button', { name: 'Start' }).click();
    for (const page of [facilitator, participant, projector]) await page.locator('[data-timer-state="running"]').first().waitFor();
    await facilitator.getByRole('button', { name: 'Pause' }).click();
    await participant.locator('[data-timer-state="paused"]').waitFor();
    const shown = await participant.getByRole('timer').first().textContent();
    expect(shown).toMatch(/^[01]:\d\d$/);
    await facilitator.getByRole('button', { name: 'Reset' }).click();
    await participant.locator('[data-timer-state]').waitFor({ state: 'detached' });
  });

  it('tells the facilitator who is ready, by sector', async () => {
    const { facilitator, participant } = await openSession();
    await facilitator.getByRole('button', { name: 'Ask: ready?' }).click();
    await participant.getByRole('button', { name: "I'm done" }).click();
    await facilitator.locator('[data-ready-count="1"]').waitFor();
    await facilitator.getByText('Marco Bianchi').first().waitFor();
    await facilitator.locator('[data-ready-sector="civil"]').getByText('1').waitFor();
    await facilitator.getByRole('button', { name: 'End ready check' }).click();
    await participant.getByRole('button', { name: "I'm done" }).waitFor({ state: 'detached' });
  });

  it('lets a phone in the room write a note and vote in the simple view', async () => {
    const { facilitator, participant: phone } = await openSession('simple');
    await phone.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Simple view' }).waitFor();
    expect(await phone.locator('.canvas').count()).toBe(0);
    await phone.getByLabel('Write a note').fill('Kayak access points');
    await phone.getByRole('button', { name: 'Add note' }).click();
    await phone.getByText('Kayak access points').waitFor();

    await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
    await waitForNoteText(facilitator, 'Kayak access points');
    await advanceToPhase(facilitator, 'priorities');
    const row = phone.locator('.phone-item', { hasText: 'Kayak access points' });
    await row.getByRole('button', { name: 'Add dot' }).click();
    await row.locator('[data-my-dots="1"]').waitFor();
    await phone.getByText('4 of 5 dots left').waitFor();
    await row.getByRole('button', { name: 'Remove dot' }).click();
    await phone.getByText('5 of 5 dots left').waitFor();
  });
});
