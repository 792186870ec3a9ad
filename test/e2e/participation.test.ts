/**
 * What the facilitator learns about participation, and what a remote
 * participant sees when following the facilitator: each person in their own
 * browser context against the real server.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';
import { placeDots, revealResults } from '../helpers/voting';

const env = useBrowserAndServer();

/** Far enough that a note added there is off a 1280×800 screen, and culled from it. */
const FAR = 3000;

interface Workshop {
  facilitator: Page;
  /** Civil society, in the room: writes notes. */
  marco: Page;
  /** Private sector, remote: says nothing. */
  sara: Page;
}

async function openWorkshop(): Promise<Workshop> {
  const room = await createRoom(env.server, 'Harbour regeneration');
  const [f, m, s] = await Promise.all([
    env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public', where: 'room' } }),
    env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'room' }, viewMode: 'board' }),
    env.desktop({ identity: { name: 'Sara Conti', sector: 'private', where: 'remote' }, viewMode: 'board' }),
  ]);
  const facilitator = await openLink(f, room.links.facilitator);
  const [marco, sara] = await Promise.all([openLink(m, room.links.participant), openLink(s, room.links.participant)]);
  return { facilitator, marco, sara };
}

/** Notes go straight to the board: the writer's private-writing banner is gone. */
async function endPrivateWriting(facilitator: Page, writer: Page): Promise<void> {
  const banner = writer.getByText('Private writing: your notes are only yours');
  await banner.waitFor();
  await facilitator.getByLabel('Private writing while Listening').uncheck();
  await banner.waitFor({ state: 'detached' });
}

const balanceOf = (page: Page): Locator => page.locator('section.balance');

/** Whether the note is mounted and wholly inside the page's canvas. */
const noteInView = (page: Page, noteId: string): Promise<boolean> =>
  page.evaluate((id) => {
    const note = document.querySelector(`[data-note-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!note || !canvas) return false;
    return note.left >= canvas.left && note.right <= canvas.right && note.top >= canvas.top && note.bottom <= canvas.bottom;
  }, noteId);

/** The view the canvas is set to (its target, even mid-animation). */
const worldTransform = (page: Page): Promise<string> => page.locator('.world').evaluate((el) => (el as HTMLElement).style.transform);

/** Pans the facilitator's canvas with the wheel and waits until the view has moved. */
async function panFacilitator(facilitator: Page, dx: number, dy: number): Promise<void> {
  const box = await facilitator.locator('.canvas').boundingBox();
  if (!box) throw new Error('no canvas on the facilitator’s screen');
  const before = await worldTransform(facilitator);
  // Off-centre: the last note added sits in the middle.
  await facilitator.mouse.move(box.x + box.width / 4, box.y + box.height / 4);
  await facilitator.mouse.wheel(dx, dy);
  await waitUntil(async () => (await worldTransform(facilitator)) !== before, 'the facilitator’s view to pan');
}

async function spotlight(facilitator: Page, noteId: string): Promise<void> {
  const card = facilitator.locator(`[data-note-id="${noteId}"]`);
  await card.getByRole('button', { name: 'Note options' }).click();
  await card.getByRole('button', { name: 'Spotlight' }).click();
}

describe('the facilitator’s participation balance', () => {
  it('shows notes per sector, who is silent, room and remote, and only head counts under secret voting', async () => {
    const { facilitator, marco, sara } = await openWorkshop();
    await endPrivateWriting(facilitator, marco);
    const dredging = await addNote(marco, 'Dredging costs');
    await addNote(marco, 'Ferry timetable');
    await waitForNoteText(facilitator, 'Dredging costs');
    await waitForNoteText(facilitator, 'Ferry timetable');

    const panel = balanceOf(facilitator);
    const civil = panel.locator('[data-balance-sector="civil"]');
    await panel.locator('[data-balance-sector="civil"][data-notes="2"]').waitFor();
    await civil.getByText('Civil society').waitFor();
    for (const s of ['public', 'private', 'other']) {
      expect(await panel.locator(`[data-balance-sector="${s}"]`).getAttribute('data-notes')).toBe('0');
    }
    await panel.locator('[data-balance-sector="private"]').getByText('Private').waitFor();
    // Marco wrote; Sara, online and remote, has not contributed yet.
    await panel.locator('.balance-people li', { hasText: 'Marco Bianchi' }).getByText('2 notes').waitFor();
    await panel.getByText('1 online person has not contributed yet').waitFor();
    const silent = panel.locator('.balance-silent li');
    expect(await silent.allTextContents()).toEqual([expect.stringContaining('Sara Conti')]);
    await silent.getByText('Private').waitFor();
    // The facilitator and Marco are in the room, Sara is remote.
    await panel.getByText('Online: 2 in the room, 1 remote').waitFor();

    await advanceToPhase(facilitator, 'priorities');
    await marco.locator('[data-phase-step="priorities"][aria-current="step"]').waitFor();
    await facilitator.locator('section.balance[data-balance-mode="secret"] [data-balance-voters="0"]').waitFor();
    await placeDots(marco, dredging, 2);
    await panel.locator('[data-balance-voters="1"]').waitFor();
    await panel.getByText('Round 1 so far: 1 voter').waitFor();
    // Who and by sector stay on the server until the reveal; nobody's dots are shown.
    expect(await panel.locator('[data-balance-sector="civil"]').getAttribute('data-voters')).toBe('');
    expect(await panel.locator('[data-balance-total] td').allTextContents()).toEqual(['2', '1']);
    expect(await panel.locator('[data-dots]').count()).toBe(0);
    expect(await panel.locator('.balance-people').textContent()).not.toMatch(/dot/i);
    // The panel is the facilitator's alone.
    for (const page of [marco, sara]) {
      expect(await balanceOf(page).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Participation' }).count()).toBe(0);
    }

    await revealResults(facilitator);
    // On a 1280 px laptop the revealed results take the facilitation panel's place: one side panel at a time.
    await facilitator.locator('.board-main > .results').waitFor();
    await facilitator.getByRole('button', { name: 'Facilitation', exact: true }).click();
    await panel.locator('[data-balance-voters="1"][data-balance-dots="2"]').waitFor();
    await panel.getByText('Round 1 revealed: 1 voter · dots cast: 2').waitFor();
    expect(await panel.locator('[data-balance-sector="civil"]').getAttribute('data-voters')).toBe('1');
    for (const s of ['public', 'private', 'other']) {
      expect(await panel.locator(`[data-balance-sector="${s}"]`).getAttribute('data-voters')).toBe('0');
    }
  });

  it('shows dots per sector and per person in open voting', async () => {
    const { facilitator, marco } = await openWorkshop();
    await endPrivateWriting(facilitator, marco);
    const note = await addNote(marco, 'Night buses');
    await waitForNoteText(facilitator, 'Night buses');
    await advanceToPhase(facilitator, 'priorities');
    await facilitator.getByLabel('Voting mode').selectOption('open');
    await facilitator.locator('section.balance[data-balance-mode="open"]').waitFor();
    const panel = balanceOf(facilitator);
    // Marco's card shows a live total once his screen has the open mode too.
    await marco.locator(`[data-note-id="${note}"] [data-dots="0"]`).waitFor();
    await placeDots(marco, note, 3);
    await panel.locator('[data-balance-sector="civil"][data-notes="1"][data-dots="3"]').waitFor();
    await panel.locator('.balance-people li', { hasText: 'Marco Bianchi' }).getByText('1 notes, 3 dots').waitFor();
    expect(await panel.locator('[data-balance-voters]').count()).toBe(0);
  });
});

describe('following the facilitator', () => {
  it('moves a remote participant’s view to each spotlight while following, and not after', async () => {
    const { facilitator, sara } = await openWorkshop();
    const follow = sara.getByRole('button', { name: 'Follow facilitator' });
    await follow.click();
    await sara.locator('button[aria-pressed="true"]', { hasText: 'Follow facilitator' }).waitFor();

    await panFacilitator(facilitator, FAR, 0);
    const east = await addNote(facilitator, 'East quay');
    expect(await noteInView(sara, east)).toBe(false);
    await spotlight(facilitator, east);
    await sara.locator(`.board-stage[data-following="${east}"]`).waitFor();
    await waitUntil(() => noteInView(sara, east), 'the spotlighted note to come into Sara’s view');

    await follow.click();
    await sara.locator('button[aria-pressed="false"]', { hasText: 'Follow facilitator' }).waitFor();
    await sara.locator('.board-stage[data-following=""]').waitFor();
    const view = await worldTransform(sara);

    await panFacilitator(facilitator, 0, FAR);
    const south = await addNote(facilitator, 'South dock');
    await spotlight(facilitator, south);
    await sara.locator(`.canvas[data-spotlight="${south}"]`).waitFor();
    // The spotlight has been rendered; let its effects and one more frame run before looking.
    await sara.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    expect(await worldTransform(sara)).toBe(view);
    expect(await noteInView(sara, south)).toBe(false);
    expect(await noteInView(sara, east)).toBe(true);
  });
});
