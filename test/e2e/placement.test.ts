/**
 * Where things land and whether they can be read, with several people on
 * real browsers at once: a facilitator's laptop, participants' phones and
 * laptops, the projector. Each screen's cards are compared by their boxes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';
import { boardCards, overlap, overlappingPairs, type Card } from '../helpers/cards';

const env = useBrowserAndServer();

/** Reading order of the cards: top to bottom, then left to right. */
const readingOrder = (cards: Card[]): string[] =>
  [...cards].sort((a, b) => Math.round(a.y - b.y) || Math.round(a.x - b.x)).map((c) => c.id);

/** Each note's position in world units, as its transform says, sorted by id; the same on every screen once synced. */
const worldPositions = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.canvas [data-note-id]:not([data-draft])')].map((el) => `${el.dataset.noteId} ${el.style.transform}`).sort(),
  );

const fit = (page: Page): Promise<void> => page.getByRole('button', { name: 'Fit to content' }).click();

const SECTORS = ['public', 'private', 'civil'] as const;

/**
 * A point of the board where a double-click adds a note on every page: the
 * board itself is under it on each (no card, no toolbar), with room around
 * it for the new card. Tries the lower left first, then the whole canvas.
 */
async function emptySpot(pages: Page[]): Promise<{ x: number; y: number }> {
  const box = (await pages[0]!.locator('.canvas').boundingBox())!;
  const candidates: { x: number; y: number }[] = [{ x: box.x + 120, y: box.y + box.height - 200 }];
  for (let y = box.y + 100; y < box.y + box.height - 100; y += 40) for (let x = box.x + 100; x < box.x + box.width - 100; x += 40) candidates.push({ x, y });
  const freeOn = await Promise.all(
    pages.map((page) =>
      page.evaluate((points) => {
        const clear = (x: number, y: number): boolean => {
          const el = document.elementFromPoint(x, y);
          return el !== null && el.closest('.canvas') !== null && el.closest('.note, [data-note-id], .frame-header, button, input, textarea, select') === null;
        };
        // The point and a margin of a card's half size around it.
        return points.map((p) => [-90, 0, 90].every((dx) => [-70, 0, 70].every((dy) => clear(p.x + dx, p.y + dy))));
      }, candidates),
    ),
  );
  const i = candidates.findIndex((_, i) => freeOn.every((free) => free[i]));
  if (i < 0) throw new Error('no empty spot on the laptops\' boards');
  return candidates[i]!;
}

describe('placing notes and scenarios with several people at once', () => {
  it('reveals three phones\' private notes as three separate cards in a grid, on every screen', async () => {
    const room = await createRoom(env.server, 'Rivelazione');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    const projector = await openLink(await env.desktop(), room.links.observer);
    const names = ['Marco Bianchi', 'Sara Gialli', 'Luca Verdi'];
    const phones = await Promise.all(
      names.map(async (name, i) => openLink(await env.phone({ identity: { name, sector: SECTORS[i]!, where: 'room' } }), room.links.participant)),
    );
    // Every phone writes its private note; they all start at the same spot.
    await Promise.all(
      phones.map(async (phone, i) => {
        await phone.getByLabel('Write a note').fill(`Idea from ${names[i]}`);
        await phone.getByRole('button', { name: 'Add note' }).click();
        await phone.locator('li.is-draft[data-note-id]').waitFor();
      }),
    );

    await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
    // A draft still on its way to the server at the click is picked up by a second reveal.
    await waitUntil(async () => {
      if ((await facilitator.locator('.canvas [data-note-id]').count()) >= 3) return true;
      await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
      return false;
    }, 'three revealed notes on the facilitator\'s board');
    for (const name of names) {
      await waitForNoteText(facilitator, `Idea from ${name}`);
      await waitForNoteText(projector, `Idea from ${name}`);
    }

    await fit(facilitator);
    await waitUntil(async () => (await boardCards(facilitator)).length === 3, 'the three cards on screen after fitting');
    const onLaptop = await boardCards(facilitator);
    expect(overlappingPairs(onLaptop)).toEqual([]);
    // Rows and columns: cards share a top or sit a whole card apart.
    for (const a of onLaptop) for (const b of onLaptop) expect(Math.abs(a.y - b.y) < 1 || Math.abs(a.y - b.y) >= a.height).toBe(true);

    // One compact block (here 2 × 2 cells), not notes scattered wherever each phone put its draft.
    const world = (await worldPositions(facilitator)).map((p) => /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(p)!.slice(1).map(Number));
    const xs = world.map(([x]) => x!);
    const ys = world.map(([, y]) => y!);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(NOTE_WIDTH + 16);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(NOTE_HEIGHT + 16);

    await waitUntil(async () => (await boardCards(projector)).length === 3, 'the three cards on the projector');
    const onProjector = await boardCards(projector);
    expect(overlappingPairs(onProjector)).toEqual([]);
    expect(readingOrder(onProjector)).toEqual(readingOrder(onLaptop));
    expect(await worldPositions(projector)).toEqual(await worldPositions(facilitator));

    // Each phone now lists its note as a board note, no longer a draft.
    for (const [i, phone] of phones.entries()) {
      await phone.locator('li[data-note-id]:not(.is-draft)', { hasText: `Idea from ${names[i]}` }).waitFor();
      expect(await phone.locator('li.is-draft').count()).toBe(0);
    }
  });

  it('keeps notes created at the same moment by three laptops and three phones apart, even at the very same point', async () => {
    const room = await createRoom(env.server, 'Discussione');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');
    const laptopContexts = await Promise.all(
      ['Anna', 'Bruno', 'Carla'].map((name, i) => env.desktop({ identity: { name, sector: SECTORS[i]!, where: 'remote' }, viewMode: 'board' })),
    );
    const laptops = await Promise.all(laptopContexts.map((c) => openLink(c, room.links.participant)));
    const phones = await Promise.all(
      ['Dario', 'Elena', 'Fabio'].map(async (name, i) =>
        openLink(await env.phone({ identity: { name, sector: SECTORS[i]!, where: 'room' } }), room.links.participant),
      ),
    );
    for (const phone of phones) await phone.getByLabel('Write a note').fill('Same moment');
    for (const laptop of laptops) await laptop.getByRole('button', { name: 'Add note' }).waitFor();

    // Everyone presses at once, each seeing an empty board.
    await Promise.all([
      ...laptops.map((p) => p.getByRole('button', { name: 'Add note' }).click()),
      ...phones.map((p) => p.getByRole('button', { name: 'Add note' }).click()),
    ]);

    await waitUntil(async () => (await facilitator.locator('.canvas [data-note-id]').count()) === 6, 'six notes on the board');

    // Then the laptops double-click the very same point of the board at the
    // same moment: a sure collision, which the later authors' devices resolve.
    // "The same moment" is made certain by a network blip: none of them can
    // see the others' notes while it writes its own.
    for (const p of laptops) await waitUntil(async () => (await boardCards(p)).length === 6, 'six notes on every laptop');
    const spot = await emptySpot(laptops);
    await Promise.all(laptopContexts.map((c) => c.setOffline(true)));
    await Promise.all(laptops.map((p) => p.mouse.dblclick(spot.x, spot.y)));
    // A new note, focused: not one of the six (a double-click on a card would only focus it).
    const sixIds = (await boardCards(facilitator)).map((c) => c.id);
    for (const p of laptops) {
      await waitUntil(
        async () => p.evaluate((six) => {
          const id = document.querySelector<HTMLElement>('[data-note-id]:has(textarea:focus)')?.dataset.noteId;
          return id !== undefined && !six.includes(id);
        }, sixIds),
        'a new note, focused, on each laptop',
      );
    }
    await Promise.all(laptopContexts.map((c) => c.setOffline(false)));

    // Off-screen notes are culled: fit the board to count them all.
    await waitUntil(async () => {
      await fit(facilitator);
      return (await facilitator.locator('.canvas [data-note-id]').count()) === 9;
      // The laptops reconnect with the client's backoff after the blip.
    }, 'nine notes on the board', 30_000);
    await fit(facilitator);
    // Any two that collided are pulled apart by their later author's device.
    await waitUntil(async () => {
      const cards = await boardCards(facilitator);
      return cards.length === 9 && overlappingPairs(cards).length === 0;
    }, 'nine cards on the facilitator\'s screen, none overlapping');
    const settled = await worldPositions(facilitator);
    for (const laptop of laptops) {
      await fit(laptop);
      await waitUntil(async () => (await worldPositions(laptop)).join() === settled.join(), 'every laptop to show the same positions');
      expect(overlappingPairs(await boardCards(laptop))).toEqual([]);
    }
  }, 120_000);

  it('puts a new scenario in free space, and its name field stays on top of a note dragged over it', async () => {
    const room = await createRoom(env.server, 'Scenari');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    const participant = await openLink(
      await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' }),
      room.links.participant,
    );
    await advanceToPhase(facilitator, 'discussion');
    for (const text of ['Wetlands', 'Bike lanes', 'Flood map']) await addNote(facilitator, text);
    await advanceToPhase(facilitator, 'scenarios');
    await facilitator.getByRole('button', { name: 'New scenario' }).click();
    const frame = facilitator.locator('[data-scenario-frame]').first();
    await frame.waitFor();

    for (const page of [facilitator, participant]) {
      await page.locator('[data-scenario-frame]').first().waitFor();
      await fit(page);
      await waitUntil(async () => (await boardCards(page)).length === 3, 'three notes on screen');
      const box = (await page.locator('[data-scenario-frame]').first().boundingBox())!;
      const asCard = { id: 'frame', ...box };
      expect((await boardCards(page)).filter((c) => overlap(c, asCard))).toEqual([]);
      // Nothing sits in the frame that is not its member.
      expect(await page.locator('[data-scenario-frame]').first().getAttribute('data-note-count')).toBe('0');
    }

    // Drag a note by its handle onto the frame's header: the name field is still what a click there hits.
    const name = facilitator.getByLabel('Scenario name').first();
    const nameBox = (await name.boundingBox())!;
    const handle = facilitator.locator('[data-note-id] [data-drag-handle]').first();
    const handleBox = (await handle.boundingBox())!;
    await facilitator.mouse.move(handleBox.x + 20, handleBox.y + handleBox.height / 2);
    await facilitator.mouse.down();
    await facilitator.mouse.move(nameBox.x + 40, nameBox.y + nameBox.height / 2, { steps: 12 });
    await facilitator.mouse.up();
    const onTop = await facilitator.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('.frame-name, .frame-header') !== null,
      { x: nameBox.x + 40, y: nameBox.y + nameBox.height / 2 },
    );
    expect(onTop).toBe(true);
    await name.click();
    await facilitator.keyboard.press('End');
    await facilitator.keyboard.type(' — acqua');
    await participant.waitForFunction(() =>
      [...document.querySelectorAll<HTMLInputElement>('.frame-name')].some((i) => i.value.endsWith(' — acqua')),
    );
  });

  it('shows a long note clamped with an ellipsis, and whole when it is focused', async () => {
    const room = await createRoom(env.server, 'Note lunghe');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    const projector = await openLink(await env.desktop(), room.links.observer);
    const long = 'Il fiume attraversa tre comuni e ognuno gestisce le sponde a modo suo. '.repeat(4).trim();
    const id = await addNote(facilitator, long);
    await facilitator.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await waitForNoteText(projector, long, 20_000);

    for (const page of [facilitator, projector]) {
      const card = page.locator(`[data-note-id="${id}"]`);
      const view = card.locator('.note-text-view');
      const clamp = await view.evaluate((el) => {
        const s = getComputedStyle(el);
        // Whole lines only: no line cut through its middle at the card's edge.
        const lines = (el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight);
        const inside = el.getBoundingClientRect().bottom <= el.parentElement!.getBoundingClientRect().bottom + 0.5;
        return { lines: s.webkitLineClamp, cut: el.scrollHeight > el.clientHeight + 1, visible: s.visibility, wholeLines: Math.abs(lines - Math.round(lines)) < 0.1, inside };
      });
      expect(clamp).toMatchObject({ cut: true, visible: 'visible', wholeLines: true, inside: true });
      expect(Number(clamp.lines)).toBeGreaterThan(0);
      expect((await card.boundingBox())!.height).toBeLessThan(141 * 1.01 * 2);
    }
    // Focus shows all of it, on the laptop and on the projector alike, over
    // the card's bottom; the card keeps its size, so nothing on it moves.
    for (const page of [facilitator, projector]) {
      const card = page.locator(`[data-note-id="${id}"]`);
      const before = (await card.boundingBox())!;
      await card.locator('textarea').focus();
      const area = card.locator('textarea');
      await waitUntil(async () => {
        const a = (await area.boundingBox())!;
        return a.y + a.height > before.y + before.height + 20;
      }, 'the focused text to grow past the card');
      expect(await area.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      expect((await card.boundingBox())!.height).toBeCloseTo(before.height, 0);
    }
  });

  it('keeps what a participant was typing when the phase changes, across a reload, and adds it when writing reopens', async () => {
    const room = await createRoom(env.server, 'Fasi');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    const laptopCtx = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
    const laptop = await openLink(laptopCtx, room.links.participant);
    const phoneCtx = await env.phone({ identity: { name: 'Sara Gialli', sector: 'private', where: 'room' } });
    const phone = await openLink(phoneCtx, room.links.participant);
    await advanceToPhase(facilitator, 'discussion');
    await laptop.locator('[data-phase-step="discussion"][aria-current="step"]').first().waitFor();
    await phone.locator('[data-phase-step="discussion"][aria-current="step"]').first().waitFor();

    // The laptop is half-way through a note; the phone half-way through its box.
    const id = await addNote(laptop, 'The river needs one auth');
    await waitForNoteText(facilitator, 'The river needs one auth');
    await phone.getByLabel('Write a note').fill('Parks along the ban');

    await facilitator.getByRole('button', { name: 'Next phase: Scenarios' }).click();
    await laptop.locator('[data-phase-step="scenarios"][aria-current="step"]').first().waitFor();
    // The laptop finishes the sentence; it is kept and they are told so.
    await laptop.keyboard.type('ority');
    const area = laptop.locator(`[data-note-id="${id}"] textarea`);
    expect(await area.inputValue()).toBe('The river needs one authority');
    await laptop.locator(`[data-note-id="${id}"] [role="status"]`).waitFor();
    // The phone keeps its text, read-only, and says why.
    await phone.locator('[data-phase-step="scenarios"][aria-current="step"]').first().waitFor();
    expect(await phone.getByLabel('Write a note').inputValue()).toBe('Parks along the ban');
    await phone.getByText('Writing is closed in this phase').waitFor();

    // A reload loses nothing.
    await laptop.reload();
    await phone.reload();
    await laptop.locator(`[data-note-id="${id}"]`).waitFor();
    await waitUntil(async () => (await area.inputValue()) === 'The river needs one authority', 'the kept text after a reload');
    await laptop.getByText('Writing closed while you were typing').waitFor();
    await waitUntil(async () => (await phone.getByLabel('Write a note').inputValue()) === 'Parks along the ban', 'the phone\'s text after a reload');

    // Writing reopens in Co-design: the note gets the rest of the sentence, for everyone.
    await advanceToPhase(facilitator, 'codesign');
    await waitForNoteText(facilitator, 'The river needs one authority');
    await phone.getByLabel('Write a note').press('End');
    await phone.getByLabel('Write a note').pressSequentially('ks');
    await phone.getByRole('button', { name: 'Add note' }).click();
    await waitForNoteText(facilitator, 'Parks along the banks');
  });

  it('slides the note menu up clear of the toolbar, and shows full author names in Italian', async () => {
    const room = await createRoom(env.server, 'Menu');
    const facilitator = await openLink(
      await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'civil' }, locale: 'it-IT' }),
      room.links.facilitator,
    );
    const english = await openLink(await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' }), room.links.participant);
    await facilitator.getByRole('button', { name: 'Aggiungi nota' }).click();
    const card = facilitator.locator('[data-note-id]').first();
    await card.waitFor();
    await facilitator.keyboard.type('Vicino al fondo');
    await facilitator.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Pan the board until the note sits just above the toolbar.
    const toolbar = (await facilitator.locator('.toolbar').boundingBox())!;
    const box = (await card.boundingBox())!;
    const canvas = (await facilitator.locator('.canvas').boundingBox())!;
    const startX = canvas.x + 20;
    const startY = canvas.y + 20;
    await facilitator.mouse.move(startX, startY);
    await facilitator.mouse.down();
    await facilitator.mouse.move(startX, startY + (toolbar.y - 20 - (box.y + box.height)), { steps: 8 });
    await facilitator.mouse.up();
    await waitUntil(async () => {
      const b = (await card.boundingBox())!;
      return Math.abs(b.y + b.height - (toolbar.y - 20)) < 30;
    }, 'the note to sit just above the toolbar');

    await card.getByRole('button', { name: 'Opzioni della nota' }).click();
    const menu = card.locator('.note-menu');
    await menu.waitFor();
    const m = (await menu.boundingBox())!;
    const hidesUnderToolbar = m.x < toolbar.x + toolbar.width && toolbar.x < m.x + m.width && m.y + m.height > toolbar.y;
    expect(hidesUnderToolbar).toBe(false);
    expect(m.y).toBeGreaterThanOrEqual(0);
    // Its last control is clickable, not covered.
    await card.getByRole('button', { name: 'Elimina la nota' }).click();
    await card.getByRole('button', { name: 'Mantieni' }).click();

    // The author's name shows whole beside "Società civile", and in English beside "Civil society".
    for (const [page, name] of [
      [facilitator, 'Giulia Rossi'],
      [english, 'Giulia Rossi'],
    ] as const) {
      const author = page.locator('[data-note-id] .note-author').first();
      await waitUntil(async () => (await author.textContent()) === name, 'the author on the card');
      const cut = await author.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(cut).toBe(false);
    }
  });
});
