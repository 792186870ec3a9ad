/**
 * Who a person is and what the server lets them do, seen from the browser:
 * an edit the server refuses is rolled back on the device that made it, and
 * "Use on another device" carries the same identity to a second device.
 */
import { describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

/** y-websocket frames: message type, then the sync step; 0/2 is a document update. */
const isDocUpdate = (frame: string | Buffer): boolean => typeof frame !== 'string' && frame[0] === 0 && frame[1] === 2;

/**
 * Sits between a page and the server on the board's socket. While held, the
 * server's frames wait here, so the page keeps acting on what it last saw;
 * the page's own frames always go through.
 */
class HeldSocket {
  private held: Array<string | Buffer> | null = null;
  private page: WebSocketRoute | null = null;
  /** Document updates the page sent while the server's frames were held. */
  updatesSentWhileHeld = 0;

  readonly route = (ws: WebSocketRoute): void => {
    const server = ws.connectToServer();
    // Only the first connection is held; a reconnect after a refusal talks freely.
    const mine = this.page === null;
    if (mine) this.page = ws;
    ws.onMessage((frame) => {
      if (mine && this.held && isDocUpdate(frame)) this.updatesSentWhileHeld++;
      server.send(frame);
    });
    server.onMessage((frame) => {
      if (mine && this.held) this.held.push(frame);
      else ws.send(frame);
    });
  };

  hold(): void {
    this.held = [];
  }

  /** Delivers what was held, in order, and lets everything through again. */
  release(): void {
    const frames = this.held ?? [];
    this.held = null;
    for (const frame of frames) this.page?.send(frame);
  }
}

describe('an edit the server refuses', () => {
  it('is rolled back on the participant\'s device, which shows the board as it is and says why', async () => {
    const room = await createRoom(env.server, 'Lock race');
    const [f, p, o] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' }, viewMode: 'board' }),
      env.desktop(),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const projector = await openLink(o, `${room.links.observer}&join=${room.tokens.participant}`);
    const socket = new HeldSocket();
    const participant = await p.newPage();
    // The board's socket only: the drafts document's name carries a suffix before the query.
    await participant.routeWebSocket(new RegExp(`/sync/${room.roomId}\\?`), socket.route);
    await participant.goto(room.links.participant);
    await waitForSynced(participant);

    // Discussion: participants write straight onto the board.
    await advanceToPhase(facilitator, 'discussion');
    await participant.locator('[data-phase-step="discussion"][aria-current="step"]').waitFor();
    await addNote(participant, 'Written before the lock');
    await waitForNoteText(facilitator, 'Written before the lock');

    // The participant stops hearing from the server; the lock reaches everyone else.
    socket.hold();
    await facilitator.getByRole('button', { name: 'Lock board' }).click();
    await projector.locator('.projector-lock').waitFor();
    expect(await participant.getByText('The facilitator has locked the board').count()).toBe(0);

    // Still believing the board open, the participant writes a note.
    await addNote(participant, 'Written after the lock');
    await waitUntil(() => socket.updatesSentWhileHeld > 0, 'the stale edit to reach the server');
    socket.release();

    await participant.getByRole('status').filter({ hasText: 'That change was not allowed: the board is locked.' }).waitFor();
    await participant.getByText('The facilitator has locked the board').waitFor();
    await waitUntil(async () => (await countNotesWithText(participant, 'Written after the lock')) === 0, 'the refused note to be rolled back');
    await waitForNoteText(participant, 'Written before the lock');
    expect(await participant.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    expect(await countNotesWithText(facilitator, 'Written after the lock')).toBe(0);
    expect(await countNotesWithText(projector, 'Written after the lock')).toBe(0);

    // Back in step: unlocked, the same device writes again and everyone sees it.
    await facilitator.getByRole('button', { name: 'Unlock board' }).click();
    await participant.getByRole('button', { name: 'Add note' }).waitFor();
    await addNote(participant, 'Written after the unlock');
    await waitForNoteText(facilitator, 'Written after the unlock');
  }, 60_000); // five browser pages and a held socket: slow on a loaded two-core machine
});

/** The id of the one note on `page` showing `text`, and whether it may be edited there. */
async function noteShowing(page: Page, text: string): Promise<{ id: string; editable: boolean }> {
  const found = await page.locator('[data-note-id] textarea').evaluateAll(
    (els, t) =>
      (els as HTMLTextAreaElement[])
        .filter((a) => a.value === t)
        .map((a) => ({ id: a.closest('[data-note-id]')?.getAttribute('data-note-id') ?? '', editable: !a.readOnly })),
    text,
  );
  if (found.length !== 1) throw new Error(`expected one note "${text}", found ${found.length}`);
  return found[0]!;
}

describe('"Use on another device"', () => {
  it('opens the board on a second device as the same person, with the same rights over their notes', async () => {
    const room = await createRoom(env.server, 'Two devices');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    const laptop = await openLink(
      await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' }, viewMode: 'board' }),
      room.links.participant,
    );
    await advanceToPhase(facilitator, 'discussion');
    await laptop.locator('[data-phase-step="discussion"][aria-current="step"]').waitFor();
    await addNote(facilitator, "The facilitator's note");
    await addNote(laptop, 'Written on the laptop');

    await laptop.getByRole('button', { name: 'Links' }).click();
    const dialog = laptop.getByRole('dialog', { name: 'Workshop links' });
    const deviceLink = await dialog.getByRole('textbox', { name: 'Use on another device' }).inputValue();
    expect(deviceLink).toMatch(/#t=.+&id=.+/);

    // A phone that has never seen this room: the profile is per device, the identity comes with the link.
    const phone = await (await env.phone({ viewMode: 'board' })).newPage();
    await phone.goto(deviceLink);
    await phone.getByRole('dialog', { name: 'Join the workshop' }).waitFor();
    expect(new URL(phone.url()).hash).toBe('');
    await phone.getByLabel('Your name').fill('Marco Bianchi');
    await phone.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: 'Civil society' }).check();
    await phone.getByRole('group', { name: 'Where are you?' }).getByRole('radio', { name: 'In the room' }).check();
    await phone.getByRole('button', { name: 'Join' }).click();
    await waitForSynced(phone);

    // The laptop's note is the phone's own; the facilitator's is not.
    await phone.getByRole('button', { name: 'Fit to content' }).click();
    await waitForNoteText(phone, 'Written on the laptop');
    await waitForNoteText(phone, "The facilitator's note");
    const laptopNote = await noteShowing(phone, 'Written on the laptop');
    expect(laptopNote.editable).toBe(true);
    expect((await noteShowing(phone, "The facilitator's note")).editable).toBe(false);
    // The server agrees: the phone's edit to the laptop's note reaches everyone.
    const area = phone.locator(`[data-note-id="${laptopNote.id}"] textarea`);
    await area.focus();
    await area.press('End');
    await area.pressSequentially(', edited on the phone');
    await waitForNoteText(phone, 'Written on the laptop, edited on the phone');
    await waitForNoteText(facilitator, 'Written on the laptop, edited on the phone');
    await waitForNoteText(laptop, 'Written on the laptop, edited on the phone');

    // And the other way round: a note written on the phone belongs to the laptop too.
    await addNote(phone, 'Written on the phone');
    await waitForNoteText(laptop, 'Written on the phone');
    expect((await noteShowing(laptop, 'Written on the phone')).editable).toBe(true);
    // One person on two devices counts once.
    await facilitator.getByRole('button', { name: '2 online' }).waitFor();
  });
});
