/**
 * Suggested scenarios and duplicate flags through the real UI: a facilitator
 * and a participant, each in their own browser context, against the real
 * server; the board's first notes come from a real Yjs client.
 */
import { describe, expect, it } from 'vitest';
import { createNote } from '../../shared/notes';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';
import { joinRoom } from '../helpers/yclient';

const env = useBrowserAndServer();
const E2E_TIMEOUT_MS = 90_000;

const BUSES = [
  'Più trasporto pubblico tra le frazioni e la stazione',
  'Autobus la sera per le frazioni',
  'Better public transport to the station',
  'Orari del trasporto pubblico coordinati con i treni alla stazione',
];
const PARKS = ['Riqualificare il parco pubblico con alberi e panchine', 'Alberi e giochi per bambini nel parco', 'Un parco giochi nuovo nel quartiere'];

/** A room whose board already holds notes written by a real client; returns their ids by text. */
async function seededRoom(texts: string[]) {
  const room = await createRoom(env.server, 'Rilancio della valle');
  const writer = await joinRoom(env.server, room);
  const ids = texts.map((text, i) =>
    createNote(writer.doc, { x: 40 + (i % 4) * 240, y: 40 + Math.floor(i / 4) * 180, text, now: Date.now() + i, author: { id: writer.creds.participantId!, name: 'Giulia', sector: 'public' } }),
  );
  await waitUntil(async () => {
    const res = await fetch(`${env.server.url}/api/rooms/${room.roomId}`);
    return ((await res.json()) as { notes: number }).notes === texts.length;
  }, 'the seeded notes stored');
  writer.destroy();
  return { room, ids };
}

describe('suggested scenarios', () => {
  it('a facilitator accepts a suggested group and a participant sees the new scenario with those notes inside', async () => {
    const { room, ids } = await seededRoom([...BUSES, ...PARKS, 'Il caffè era buono']);
    const [f, a] = await Promise.all([env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' })]);
    const [facilitator, anna] = await Promise.all([openLink(f, room.links.facilitator), openLink(a, room.links.participant)]);
    await advanceToPhase(facilitator, 'scenarios');

    await facilitator.getByRole('button', { name: 'Suggest scenarios' }).click();
    const group = facilitator.locator(`[data-suggest-group]:has([data-suggest-note="${ids[0]}"])`);
    await group.waitFor();
    for (const id of ids.slice(0, 4)) expect(await group.locator(`[data-suggest-note="${id}"]`).count()).toBe(1);
    // The facilitator renames it and leaves the English note out.
    await group.getByRole('textbox', { name: 'Scenario name' }).fill('Trasporto pubblico');
    await group.locator(`[data-suggest-note="${ids[2]}"] input[type="checkbox"]`).uncheck();
    await group.getByRole('button', { name: 'Accept' }).click();
    expect(await group.count()).toBe(0);

    // The participant sees the new frame, named so, with the three ticked notes in it and the unticked one not.
    const frame = anna.locator('[data-scenario-frame]', { has: anna.locator('.frame-name') });
    await frame.first().waitFor();
    const frameId = (await frame.first().getAttribute('data-scenario-frame'))!;
    await waitUntil(async () => (await anna.locator(`[data-note-id][data-scenario-id="${frameId}"]`).count()) === 3, 'three notes inside the new scenario');
    for (const id of [ids[0], ids[1], ids[3]]) expect(await anna.locator(`[data-note-id="${id}"]`).getAttribute('data-scenario-id')).toBe(frameId);
    expect(await anna.locator(`[data-note-id="${ids[2]}"]`).getAttribute('data-scenario-id')).toBe('');
    // Laid out clear of what was there: no other note lies under the new frame.
    const under = await anna.evaluate((id) => {
      const f = document.querySelector(`[data-scenario-frame="${id}"]`)!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('[data-note-id]')]
        .filter((n) => n.dataset.scenarioId !== id)
        .filter((n) => {
          const r = n.getBoundingClientRect();
          return r.left < f.right && f.left < r.right && r.top < f.bottom && f.top < r.bottom;
        }).length;
    }, frameId);
    expect(under).toBe(0);
    expect(await anna.locator(`[data-scenario-frame="${frameId}"] .frame-name`).first().evaluate((el) => (el as HTMLInputElement).value ?? el.textContent)).toContain('Trasporto pubblico');
  }, E2E_TIMEOUT_MS);

  it('flags a participant’s near-duplicate to the facilitator only', async () => {
    const original = 'Più corse degli autobus tra le frazioni e il capoluogo';
    const { room, ids } = await seededRoom([original, ...PARKS]);
    const [f, a] = await Promise.all([env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' })]);
    const [facilitator, anna] = await Promise.all([openLink(f, room.links.facilitator), openLink(a, room.links.participant)]);
    await advanceToPhase(facilitator, 'discussion');

    const copy = await addNote(anna, 'Più corse dei bus tra le frazioni e il capoluogo, soprattutto la sera');
    const marker = facilitator.locator(`[data-note-id="${copy}"] .duplicate-marker[data-duplicate-of="${ids[0]}"]`);
    await marker.waitFor({ timeout: 15_000 });
    expect(await marker.textContent()).toContain('Possible duplicate of');
    // Nothing was blocked, and the participant is never told.
    expect(await anna.locator('.duplicate-marker').count()).toBe(0);
    expect(await facilitator.locator(`[data-note-id="${ids[1]}"] .duplicate-marker`).count()).toBe(0);
    // The marker brings the earlier note forward.
    await marker.click();
    await facilitator.locator(`[data-note-id="${ids[0]}"].is-jump-target`).waitFor();
  }, E2E_TIMEOUT_MS);
});
