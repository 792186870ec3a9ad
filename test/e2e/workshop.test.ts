/**
 * A whole workshop, as a new facilitator runs it in front of the room: the
 * facilitator on a laptop in Italian, three phones and two laptops from
 * different sectors, and the projector at 1920×1080. Each step checks what
 * each screen shows — and, for the secret round, what a participant's socket
 * receives. The single steps have their own tests (placement, secrecy,
 * projector, status); this one runs them in order, as they follow in a real
 * session, so that one step cannot quietly undo another.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import it_ from '../../client/i18n/it/core.json';
import { createRoom, identify, type RoomAccess } from '../helpers/server';
import { connectClient } from '../helpers/yclient';
import { addNote, openLink, useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';
import { boardCards, overlappingPairs } from '../helpers/cards';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();
/** Seven browser contexts on a two-core machine. */
const WORKSHOP_TIMEOUT_MS = 240_000;

/** The facilitator's screen speaks Italian: its labels come from the same file the app uses. */
const IT = {
  next: it_.phase.nextTo.replace(': {{phase}}', ''),
  revealNotes: it_.privateWriting.reveal,
  revealResults: it_.voting.reveal,
  revealAnyway: it_.voting.revealAnyway,
  fit: it_.toolbar.fit,
};

const PHASES = ['listening', 'discussion', 'scenarios', 'priorities', 'codesign'] as const;

/** The Italian facilitator presses "Fase successiva" until `phase` is current on their screen. */
async function advanceTo(facilitator: Page, phase: (typeof PHASES)[number]): Promise<void> {
  for (;;) {
    const now = (await facilitator.locator('[data-phase-step][aria-current="step"]').first().getAttribute('data-phase-step')) ?? '';
    if (now === phase) return;
    await facilitator.getByRole('button', { name: new RegExp(`^${IT.next}`) }).click();
    const next = PHASES[PHASES.indexOf(now as (typeof PHASES)[number]) + 1]!;
    await facilitator.locator(`[data-phase-step="${next}"][aria-current="step"]`).first().waitFor();
  }
}

/** Moves the pointer over a laptop's canvas, so its cursor is sent. */
async function wave(page: Page): Promise<void> {
  const box = (await page.locator('.canvas').boundingBox())!;
  for (let i = 0; i < 5; i++) await page.mouse.move(box.x + 220 + i * 30, box.y + box.height - 140 - i * 10);
}

interface SeenPresence {
  name: string;
  role: string;
  cursor: unknown;
}

describe('a whole workshop in front of the room', () => {
  it('keeps every screen right from the listening round to the revealed results', async () => {
    const room = (await createRoom(env.server, 'Contratto di fiume del Lambro')) as RoomAccess & { links: RoomAccess['links'] & { join: string } };

    // The projector first, from the observer link alone, as the facilitator pastes it.
    const projectorContext: BrowserContext = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'it-IT' });
    try {
      const projector = await openLink(projectorContext, room.links.observer);
      const qr = projector.locator(`[data-qr="${room.links.join}"]`);
      await qr.waitFor();
      // A reload (the projector PC's browser restarted) keeps the QR code and the short address.
      await projector.reload();
      await qr.waitFor();

      const facilitator = await openLink(await env.desktop({ locale: 'it-IT', identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
      const phones = await Promise.all(
        [
          { name: 'Marco Bianchi', sector: 'public' as const },
          { name: 'Sara Gialli', sector: 'private' as const },
        ].map(async (identity) => openLink(await env.phone({ identity: { ...identity, where: 'room' } }), room.links.participant)),
      );
      // The third phone has never been here: it goes through the join dialog, where nothing is chosen for it.
      const fresh = await (await env.phone()).newPage();
      await fresh.goto(room.links.participant);
      const dialog = fresh.getByRole('dialog', { name: 'Join the workshop' });
      await dialog.getByLabel('Your name').fill('Luca Verdi');
      const join = dialog.getByRole('button', { name: 'Join' });
      expect(await join.isDisabled()).toBe(true);
      await dialog.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: 'Civil society' }).check();
      expect(await join.isDisabled()).toBe(true);
      await dialog.getByRole('group', { name: 'Where are you?' }).getByRole('radio', { name: 'In the room' }).check();
      await join.click();
      await waitForSynced(fresh);
      phones.push(fresh);

      const laptopContexts = await Promise.all([
        env.desktop({ identity: { name: 'Anna Neri', sector: 'other', where: 'remote' }, viewMode: 'board' }),
        env.desktop({ identity: { name: 'Paolo Blu', sector: 'civil', where: 'remote' }, viewMode: 'board' }),
      ]);
      const laptops = await Promise.all(laptopContexts.map((c) => openLink(c, room.links.participant)));
      const participants = [...phones, ...laptops];

      // Listening, with private writing: everyone writes a draft; the phones all start at the same spot.
      await Promise.all(
        phones.map(async (phone, i) => {
          await phone.getByLabel('Write a note').fill(`Idea ${i + 1} dal telefono`);
          await phone.getByRole('button', { name: 'Add note' }).click();
          await phone.locator('li.is-draft[data-note-id]').waitFor();
        }),
      );
      for (const [i, laptop] of laptops.entries()) await addNote(laptop, `Idea ${i + 4} dal portatile`);
      // The facilitator sees how many drafts there are, never their text.
      await facilitator.locator('.draft-counts[data-draft-notes="5"]').waitFor();
      for (let i = 1; i <= 5; i++) expect(await facilitator.getByText(`Idea ${i} dal`, { exact: false }).count()).toBe(0);

      await facilitator.getByRole('button', { name: IT.revealNotes }).click();
      await waitUntil(async () => {
        if ((await facilitator.locator('.canvas [data-note-id]:not([data-draft])').count()) >= 5) return true;
        // A draft still on its way to the server at the click comes with a second reveal.
        await facilitator.getByRole('button', { name: IT.revealNotes }).click();
        return false;
      }, 'five revealed notes on the facilitator\'s board', 30_000);

      // After the reveal no two notes overlap, on the facilitator's screen or on the wall.
      await facilitator.getByRole('button', { name: IT.fit }).click();
      await waitUntil(async () => (await boardCards(facilitator)).length === 5, 'the five notes on the facilitator\'s screen');
      expect(overlappingPairs(await boardCards(facilitator))).toEqual([]);
      await waitUntil(async () => (await boardCards(projector)).length === 5, 'the five notes on the projector');
      expect(overlappingPairs(await boardCards(projector))).toEqual([]);
      const noteIds = (await boardCards(facilitator)).map((c) => c.id);

      // Discussion: a laptop is half-way through a sentence when the facilitator moves on.
      await advanceTo(facilitator, 'discussion');
      const typist = laptops[0]!;
      await typist.locator('[data-phase-step="discussion"][aria-current="step"]').first().waitFor();
      const typed = await addNote(typist, 'Un parco lungo il fiu');
      await advanceTo(facilitator, 'scenarios');
      await typist.locator('[data-phase-step="scenarios"][aria-current="step"]').first().waitFor();
      await typist.keyboard.type('me');
      // Nothing typed is lost, and the participant is told what happened.
      expect(await typist.locator(`[data-note-id="${typed}"] textarea`).inputValue()).toBe('Un parco lungo il fiume');
      await typist.locator(`[data-note-id="${typed}"] [role="status"]`).waitFor();

      // Priorities, secret: a participant's device, at the protocol level, records every presence it receives.
      const watcher = connectClient(env.server, room.roomId, { as: await identify(env.server, room, 'participant') });
      const seen: SeenPresence[] = [];
      watcher.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
        for (const id of [...added, ...updated]) {
          const state = watcher.provider.awareness.getStates().get(id) as { user?: { name?: string; role?: string }; cursor?: unknown } | undefined;
          if (state?.user) seen.push({ name: state.user.name ?? '', role: state.user.role ?? '', cursor: state.cursor ?? null });
        }
      });
      try {
        await advanceTo(facilitator, 'priorities');
        for (const page of participants) await page.locator('[data-phase-step="priorities"][aria-current="step"]').first().waitFor();
        await laptops[1]!.locator(`[data-note-id="${noteIds[0]}"]`).getByRole('button', { name: 'Add dot' }).waitFor();
        // As the round opens, the laptops withdraw their pointers; from here on no participant's pointer may travel.
        const lastCursorOf = (name: string): unknown => [...seen].reverse().find((s) => s.name === name)?.cursor ?? null;
        await waitUntil(() => ['Anna Neri', 'Paolo Blu'].every((name) => lastCursorOf(name) === null), 'the laptops\' pointers withdrawn');
        const from = seen.length;
        for (const [i, page] of participants.entries()) {
          const target = noteIds[i % noteIds.length]!;
          if (laptops.includes(page)) await page.locator(`[data-note-id="${target}"]`).getByRole('button', { name: 'Add dot' }).hover();
          await placeDots(page, target, 2);
          if (laptops.includes(page)) await wave(page);
        }
        await wave(facilitator);
        await waitUntil(() => seen.slice(from).some((s) => s.role === 'facilitator' && s.cursor !== null), "the facilitator's cursor, still shared");
        expect(seen.slice(from).filter((s) => s.role === 'participant' && s.cursor !== null)).toEqual([]);
      } finally {
        watcher.destroy();
      }

      // Everyone has voted: the results go up on the wall, the top items on one screen without scrolling.
      await facilitator.getByRole('button', { name: IT.revealResults }).click();
      if ((await facilitator.getByRole('alertdialog').count()) > 0) await facilitator.getByRole('button', { name: IT.revealAnyway }).click();
      const rows = projector.locator('.projector-results .projected-list [data-item-id]');
      await rows.first().waitFor();
      const fit = await projector.evaluate(() => {
        const overlay = document.querySelector('.projector-results')!;
        const page = document.scrollingElement!;
        return { overlay: overlay.scrollHeight - overlay.clientHeight, page: page.scrollHeight - window.innerHeight };
      });
      expect(fit.overlay).toBeLessThanOrEqual(0);
      expect(fit.page).toBeLessThanOrEqual(0);
      expect(await projector.locator('.projector-results button, .projector-results input, .projector-results select').count()).toBe(0);
      for (const page of participants) await page.getByText('Voting is closed', { exact: false }).first().waitFor();

      // A laptop on a flaky wifi goes offline and comes back: its status follows, back to Synced.
      const flaky = laptopContexts[1]!;
      const flakyPage = laptops[1]!;
      await flaky.setOffline(true);
      await flakyPage.locator('.board-header [data-status="offline"]').waitFor();
      await flaky.setOffline(false);
      await flakyPage.locator('.board-header [data-status="connected"][data-synced="true"]').waitFor({ timeout: 20_000 });

      // What every screen showed survives a reload: the phone's board and the projector's results.
      await phones[0]!.reload();
      await waitForSynced(phones[0]!);
      for (const id of noteIds) await phones[0]!.locator(`[data-note-id="${id}"]`).first().waitFor();
      await projector.reload();
      await rows.first().waitFor();
      await qr.waitFor();
    } finally {
      await projectorContext.close();
    }
  }, WORKSHOP_TIMEOUT_MS);
});
