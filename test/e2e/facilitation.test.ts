/**
 * Facilitation controls that must not trap a new facilitator: a facilitator
 * (Italian-speaking or not), participants on a laptop and a phone, and the
 * projector, each in their own browser context against the real server.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom, type RoomAccess } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();
/** Four browser contexts at once on a busy two-core machine take longer than the default. */
const E2E_TIMEOUT_MS = 90_000;

interface Workshop {
  room: RoomAccess;
  facilitator: Page;
  /** Public sector, on a laptop in board view. */
  anna: Page;
  /** Civil society, on a laptop in board view. */
  carlo: Page;
  /** Private sector, on a phone in the simple view. */
  paola: Page;
}

async function openWorkshop(): Promise<Workshop> {
  const room = await createRoom(env.server, 'Piano della mobilità');
  const [f, a, c, p] = await Promise.all([
    env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
    env.desktop({ identity: { name: 'Anna Verdi', sector: 'public' }, viewMode: 'board' }),
    env.desktop({ identity: { name: 'Carlo Neri', sector: 'civil' }, viewMode: 'board' }),
    env.phone({ identity: { name: 'Paola Ferri', sector: 'private' }, viewMode: 'simple' }),
  ]);
  const facilitator = await openLink(f, room.links.facilitator);
  const [anna, carlo, paola] = await Promise.all([
    openLink(a, room.links.participant),
    openLink(c, room.links.participant),
    openLink(p, room.links.participant),
  ]);
  await facilitator.locator('.presence, .crowd-presence').first().waitFor();
  return { room, facilitator, anna, carlo, paola };
}

/** A facilitator and one participant, for controls that need no crowd. */
async function openPair(): Promise<Pick<Workshop, 'room' | 'facilitator' | 'anna'>> {
  const room = await createRoom(env.server, 'Piano della mobilità');
  const [f, a] = await Promise.all([
    env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
    env.desktop({ identity: { name: 'Anna Verdi', sector: 'public' }, viewMode: 'board' }),
  ]);
  const [facilitator, anna] = await Promise.all([openLink(f, room.links.facilitator), openLink(a, room.links.participant)]);
  return { room, facilitator, anna };
}

describe('voting controls belong to Priorities', () => {
  it('offers no reveal before Priorities, asks when few have voted, and tells everyone that voting is closed', async () => {
    const { facilitator, anna, carlo, paola } = await openWorkshop();
    for (const phase of ['listening', 'discussion', 'scenarios'] as const) {
      await advanceToPhase(facilitator, phase);
      expect(await facilitator.getByRole('button', { name: 'Reveal results' }).count()).toBe(0);
    }
    // Private writing is over once Listening is; a board note to vote on.
    const note = await addNote(facilitator, 'Zone 30 davanti alle scuole');
    await advanceToPhase(facilitator, 'priorities');
    await facilitator.getByText('Round 1 · voting open').waitFor();

    await placeDots(anna, note, 2);
    await facilitator.locator('.vote-progress[data-voters="1"][data-present="3"]').waitFor();
    await facilitator.getByText('1 person has voted (of 3 participants present)').waitFor();

    // One of three is fewer than half: the panel asks first, and saying no keeps voting open.
    await facilitator.getByRole('button', { name: 'Reveal results' }).click();
    const ask = facilitator.getByRole('alertdialog');
    await ask.getByText('Only 1 of 3 participants present has voted.', { exact: false }).waitFor();
    await ask.getByRole('button', { name: 'Keep voting open' }).click();
    expect(await facilitator.locator('[data-voting-state="open"]').count()).toBeGreaterThan(0);
    await placeDots(carlo, note, 1);

    // Two of three is enough: no question.
    await facilitator.locator('.vote-progress[data-voters="2"]').waitFor();
    await facilitator.getByRole('button', { name: 'Reveal results' }).click();
    await facilitator.locator('[data-voting-state="revealed"]').first().waitFor();
    expect(await facilitator.getByRole('alertdialog').count()).toBe(0);

    // Closed, and said so: participants by a banner, the facilitator with the way to a new round.
    for (const page of [anna, carlo, paola]) await page.getByText('Voting is closed: the results of round 1 are revealed.', { exact: false }).waitFor();
    // At 1280 px the revealed results take the side panel's place (one panel at a time): back to facilitation.
    await facilitator.getByRole('button', { name: 'Facilitation', exact: true }).click();
    await facilitator.getByText('To vote again, open a new round.', { exact: false }).waitFor();
    await facilitator.getByRole('button', { name: 'New round' }).click();
    await anna.getByText('Round 2 · voting open').first().waitFor();
    await waitUntil(async () => (await anna.locator('[data-voting-closed]').count()) === 0, 'the closed banner to go');
  }, E2E_TIMEOUT_MS);

  it('keeps the vote-mode select inside the facilitation panel, in Italian too', async () => {
    const room = await createRoom(env.server);
    const page = await openLink(await env.desktop({ locale: 'it-IT', identity: { name: 'Giulia', sector: 'public' } }), room.links.facilitator);
    await advanceToPhaseIt(page);
    const select = page.locator('.voting-mode select');
    await select.waitFor();
    const panel = (await page.locator('.facilitator-panel .panel-body').boundingBox())!;
    const box = (await select.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
    expect(await page.locator('.facilitator-panel .panel-body').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }, E2E_TIMEOUT_MS);
});

/** Next phase until Priorities, by the Italian button names. */
async function advanceToPhaseIt(page: Page): Promise<void> {
  for (const next of ['discussion', 'scenarios', 'priorities']) {
    await page.getByRole('button', { name: /^Fase successiva/ }).click();
    await page.locator(`[data-phase-step="${next}"][aria-current="step"]`).first().waitFor();
  }
}

describe('private writing seen from the facilitation panel', () => {
  it('counts drafts per sector as they are written, never showing their text', async () => {
    const { facilitator, anna, carlo } = await openWorkshop();
    await facilitator.locator('[data-draft-notes="0"]').waitFor();
    await addNote(anna, 'Bozza segreta di Anna');
    await addNote(carlo, 'Bozza segreta di Carlo');
    await addNote(carlo, 'Seconda bozza di Carlo');
    const counts = facilitator.locator('.draft-counts');
    await facilitator.locator('.draft-counts[data-draft-notes="3"][data-draft-writers="2"]').waitFor();
    await counts.getByText('Drafts so far: 3 notes by 2 people').waitFor();
    expect(await counts.locator('[data-draft-sector="civil"]').getAttribute('data-count')).toBe('2');
    expect(await counts.locator('[data-draft-sector="public"]').getAttribute('data-count')).toBe('1');
    expect(await facilitator.evaluate(() => document.body.innerText.includes('Bozza segreta'))).toBe(false);

    await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
    await facilitator.locator('.draft-counts[data-draft-notes="0"]').waitFor();
  }, E2E_TIMEOUT_MS);
});

describe('smaller traps', () => {
  it('says Unlock when locked, and offers Reset rather than Pause once time is up', async () => {
    const { facilitator, anna } = await openPair();
    await facilitator.getByRole('button', { name: 'Lock board' }).click();
    await anna.getByText('The facilitator has locked the board').waitFor();
    await facilitator.getByRole('button', { name: 'Unlock board' }).click();
    await facilitator.getByRole('button', { name: 'Lock board' }).waitFor();

    await facilitator.getByLabel('Minutes').fill('0');
    await facilitator.getByLabel('Seconds').fill('1');
    await facilitator.getByRole('button', { name: 'Start' }).click();
    await anna.locator('[data-timer-state="done"]').waitFor();
    await facilitator.locator('[data-timer-state="done"]').first().waitFor();
    await waitUntil(() => facilitator.getByRole('button', { name: 'Pause' }).isDisabled(), 'Pause to be disabled');
    expect(await facilitator.getByRole('button', { name: 'Reset' }).isEnabled()).toBe(true);
    // The pill pulses a few times, not forever…
    const animation = (page: Page) =>
      page.locator('.timer.timer-done').first().evaluate((el) => ({ name: getComputedStyle(el).animationName, count: getComputedStyle(el).animationIterationCount }));
    expect(await animation(anna)).toEqual({ name: 'ring-pulse', count: '4' });
    // …and not at all for someone who asked for less motion.
    await anna.emulateMedia({ reducedMotion: 'reduce' });
    // The reduced-motion rule (base.css) cuts every animation to one near-instant run.
    expect(await animation(anna)).toEqual({ name: 'ring-pulse', count: '1' });
    expect(await anna.locator('.timer.timer-done').first().evaluate((el) => getComputedStyle(el).animationDuration)).toBe('1e-05s');
  }, E2E_TIMEOUT_MS);

  it('counts ready answers out of the participants present, and keeps "I\'m done" across a reload', async () => {
    const { facilitator, anna } = await openWorkshop();
    await facilitator.getByRole('button', { name: 'Ask: ready?' }).click();
    await anna.getByRole('button', { name: "I'm done" }).click();
    await facilitator.getByText('1 of 3 done').waitFor();

    // What Anna's device says on its new connection: its answer again, since a server may have forgotten it.
    const sent: string[] = [];
    anna.on('websocket', (ws) => ws.on('framesent', ({ payload }) => sent.push(typeof payload === 'string' ? payload : payload.toString('latin1'))));
    await anna.reload();
    await waitForSynced(anna);
    await waitUntil(() => sent.some((f) => f.includes('"t":"ready"') && f.includes('"ready":true')), "the answer re-sent on reconnect");
    const done = anna.getByRole('button', { name: "I'm done" });
    await waitUntil(async () => (await done.getAttribute('aria-pressed')) === 'true', "Anna's answer to survive the reload");
    await facilitator.getByText('1 of 3 done').waitFor();
    expect(await facilitator.locator('[data-ready-count="1"]').count()).toBe(1);
  }, E2E_TIMEOUT_MS);

  it('edits a long prompt in a box that grows with it', async () => {
    const { facilitator, anna } = await openPair();
    const prompt = facilitator.getByLabel('Prompt');
    expect(await prompt.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    const before = (await prompt.boundingBox())!.height;
    const long = 'Quali interventi renderebbero più sicuro il percorso casa-scuola per chi va a piedi o in bicicletta, e chi dovrebbe occuparsene? '.repeat(3).trim();
    await prompt.fill(long);
    await waitUntil(async () => (await prompt.boundingBox())!.height > before * 1.5, 'the box to grow');
    expect(await prompt.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await prompt.press('Enter');
    await anna.getByText(long.slice(0, 60), { exact: false }).first().waitFor();
  }, E2E_TIMEOUT_MS);
});
