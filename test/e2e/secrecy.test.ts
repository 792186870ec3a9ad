/**
 * Secret ballots stay secret and nobody is counted in a sector they did not
 * choose: a facilitator, participants on laptops, a projector, and a raw
 * Yjs client standing for "any participant's device", which records every
 * awareness state the server relays to participants.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom, identify } from '../helpers/server';
import { connectClient } from '../helpers/yclient';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();
/** Four browser contexts at once on a busy two-core machine take longer than the default. */
const E2E_TIMEOUT_MS = 90_000;

interface SeenCursor {
  name: string;
  role: string;
  cursor: { x: number; y: number } | null;
}

/** Moves the pointer across a page's canvas, so its cursor is sent. */
async function wave(page: Page): Promise<void> {
  const box = (await page.locator('.canvas').boundingBox())!;
  for (let i = 0; i < 6; i++) await page.mouse.move(box.x + 200 + i * 30, box.y + box.height - 120 - i * 10);
}

/** The names on the cursors a page draws. */
const drawnCursors = (page: Page): Promise<string[]> => page.locator('.layer-cursors .cursor-label').allTextContents();

describe('live cursors during a secret round', () => {
  it("relays no participant's pointer over the vote controls to anyone, while the facilitator's stays on every screen", async () => {
    const room = await createRoom(env.server, 'Contratto di fiume');
    const [f, a, b, o] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Facilitatrice', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'public' }, viewMode: 'board' }),
      env.desktop({ identity: { name: 'Bruno Neri', sector: 'civil' }, viewMode: 'board' }),
      env.desktop(),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const [anna, bruno, projector] = await Promise.all([
      openLink(a, room.links.participant),
      openLink(b, room.links.participant),
      openLink(o, `${room.links.observer}&join=${room.tokens.participant}`),
    ]);
    // Any participant's device, read at the protocol level: every awareness state it receives.
    const watcher = connectClient(env.server, room.roomId, { as: await identify(env.server, room, 'participant') });
    const seen: SeenCursor[] = [];
    watcher.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const id of [...added, ...updated]) {
        const state = watcher.provider.awareness.getStates().get(id) as { user?: { name?: string; role?: string }; cursor?: SeenCursor['cursor'] } | undefined;
        if (state?.user) seen.push({ name: state.user.name ?? '', role: state.user.role ?? '', cursor: state.cursor ?? null });
      }
    });
    const lastCursorOf = (name: string): SeenCursor['cursor'] | undefined => [...seen].reverse().find((s) => s.name === name)?.cursor;

    const note = await addNote(facilitator, 'Piste ciclabili');
    // Before voting, pointers are shared as usual: the watcher does see Anna's.
    await wave(anna);
    await waitUntil(() => lastCursorOf('Anna Verdi') != null, "Anna's cursor before voting");

    await advanceToPhase(facilitator, 'priorities');
    await anna.locator(`[data-note-id="${note}"]`).getByRole('button', { name: 'Add dot' }).waitFor();
    // Anna's device withdraws its pointer as the round opens.
    await waitUntil(() => lastCursorOf('Anna Verdi') === null, "Anna's cursor withdrawn");
    const from = seen.length;

    // Both participants point at and press the note's "+"; the facilitator points too.
    for (const page of [anna, bruno]) {
      await page.locator(`[data-note-id="${note}"]`).getByRole('button', { name: 'Add dot' }).hover();
      await placeDots(page, note, 2);
      await wave(page);
    }
    await wave(facilitator);
    await waitUntil(() => seen.slice(from).some((s) => s.role === 'facilitator' && s.cursor !== null), "the facilitator's cursor");
    // Presence still says who is online…
    const states = [...watcher.provider.awareness.getStates().values()] as Array<{ user?: { name?: string }; cursor?: unknown }>;
    const brunoState = states.find((st) => st.user?.name === 'Bruno Neri');
    expect(brunoState).toBeDefined();
    expect(brunoState?.cursor ?? null).toBeNull();
    // …but no participant position reached the watcher after the round opened.
    expect(seen.slice(from).filter((s) => s.role === 'participant' && s.cursor !== null)).toEqual([]);

    // Screens draw the facilitator's pointer, nobody else's: the participants', and the projector.
    await wave(facilitator);
    for (const page of [anna, bruno, projector]) {
      await waitUntil(async () => (await drawnCursors(page)).includes('Giulia Facilitatrice'), "the facilitator's cursor on screen");
      expect(await drawnCursors(page)).toEqual(['Giulia Facilitatrice']);
    }
    expect(await drawnCursors(facilitator)).not.toContain('Anna Verdi');
  }, E2E_TIMEOUT_MS);
});

describe('sectors are chosen, never assumed', () => {
  it('keeps Join disabled until a sector and a place are chosen, and changes them later from the identity chip', async () => {
    const room = await createRoom(env.server);
    const page = await (await env.desktop()).newPage();
    await page.goto(room.links.participant);
    const dialog = page.getByRole('dialog', { name: 'Join the workshop' });
    await dialog.waitFor();
    const join = dialog.getByRole('button', { name: 'Join' });
    await dialog.getByLabel('Your name').fill('Paola Ferri');
    // Nothing is pre-selected.
    for (const radio of await dialog.getByRole('radio').all()) expect(await radio.isChecked()).toBe(false);
    expect(await join.isDisabled()).toBe(true);
    await dialog.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: 'Private' }).check();
    expect(await join.isDisabled()).toBe(true);
    await dialog.getByRole('group', { name: 'Where are you?' }).getByRole('radio', { name: 'Remote' }).check();
    await join.click();
    await waitForSynced(page);
    const chip = page.getByRole('button', { name: /Paola Ferri, Private/ });
    await chip.waitFor();

    // The chip opens the same dialog, filled in with the choices made.
    await chip.click();
    const edit = page.getByRole('dialog', { name: 'Your details' });
    expect(await edit.getByLabel('Your name').inputValue()).toBe('Paola Ferri');
    expect(await edit.getByRole('radio', { name: 'Private' }).isChecked()).toBe(true);
    expect(await edit.getByRole('radio', { name: 'Remote' }).isChecked()).toBe(true);
    await edit.getByRole('radio', { name: 'Civil society' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: /Paola Ferri, Civil society/ }).waitFor();
  }, E2E_TIMEOUT_MS);

  it('leaves the facilitator neutral, with no dots, unless they choose to vote with a sector', async () => {
    const room = await createRoom(env.server);
    const page = await (await env.desktop()).newPage();
    await page.goto(room.links.facilitator);
    const dialog = page.getByRole('dialog', { name: 'Join the workshop' });
    await dialog.getByLabel('Your name').fill('Giulia Rossi');
    expect(await dialog.getByRole('group', { name: 'Sector' }).count()).toBe(0);
    await dialog.getByRole('radio', { name: 'In the room' }).check();
    await dialog.getByRole('button', { name: 'Join' }).click();
    await waitForSynced(page);
    const chip = page.getByRole('button', { name: /Giulia Rossi, facilitator/ });
    await chip.waitFor();

    const note = await addNote(page, 'Mercato a km zero');
    // Their note says it is the facilitator's, not a stakeholder sector's.
    await page.locator(`[data-note-id="${note}"] [data-author-role="facilitator"]`).getByText('Facilitator').waitFor();
    expect(await page.locator(`[data-note-id="${note}"] [data-sector]`).count()).toBe(0);
    await advanceToPhase(page, 'priorities');
    await page.locator('[data-voting-state="open"]').first().waitFor();
    expect(await page.locator(`[data-note-id="${note}"]`).getByRole('button', { name: 'Add dot' }).count()).toBe(0);
    expect(await page.locator('.dots-left').count()).toBe(0);

    // "I'm voting too" asks for a sector, and only then offers dots.
    await chip.click();
    const edit = page.getByRole('dialog', { name: 'Your details' });
    await edit.getByRole('checkbox', { name: /voting too/ }).check();
    const save = edit.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await edit.getByRole('radio', { name: 'Public' }).check();
    await save.click();
    await page.getByRole('button', { name: /Giulia Rossi, Public/ }).waitFor();
    // The dots pill wrapped the header onto a second row and the canvas lost height: bring the note back above the toolbar.
    await page.getByRole('button', { name: 'Fit to content' }).click();
    await placeDots(page, note, 1);
    await page.getByText('4 of 5 dots left').waitFor();
  }, E2E_TIMEOUT_MS);
});
