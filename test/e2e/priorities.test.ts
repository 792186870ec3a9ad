/**
 * Priorities and co-design in a real room: a facilitator, two participants
 * of different sectors (one on a laptop, one on a phone in the room) and
 * the projector, each in their own browser context against the real server.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';
import { placeDots, revealResults, setVotingField, shownResults } from '../helpers/voting';

const env = useBrowserAndServer();

interface Workshop {
  facilitator: Page;
  /** Public sector, board view on a laptop. */
  anna: Page;
  /** Civil society, simple view on a phone. */
  carlo: Page;
  projector: Page;
  notes: { flood: string; cycle: string; wetlands: string };
}

async function openWorkshop(): Promise<Workshop> {
  const room = await createRoom(env.server, 'Olona river contract');
  const [f, a, c, o] = await Promise.all([
    env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
    env.desktop({ identity: { name: 'Anna Verdi', sector: 'public', where: 'remote' }, viewMode: 'board' }),
    env.phone({ identity: { name: 'Carlo Neri', sector: 'civil', where: 'room' }, viewMode: 'simple' }),
    env.desktop(),
  ]);
  const facilitator = await openLink(f, room.links.facilitator);
  const [anna, carlo, projector] = await Promise.all([
    openLink(a, room.links.participant),
    openLink(c, room.links.participant),
    openLink(o, `${room.links.observer}&join=${room.tokens.participant}`),
  ]);
  const flood = await addNote(facilitator, 'Flood-risk map');
  const cycle = await addNote(facilitator, 'Safe cycle path');
  const wetlands = await addNote(facilitator, 'Restore the wetlands');
  await advanceToPhase(facilitator, 'priorities');
  for (const page of [anna, carlo, projector]) await page.locator('[data-phase-step="priorities"][aria-current="step"]').first().waitFor();
  return { facilitator, anna, carlo, projector, notes: { flood, cycle, wetlands } };
}

/** Totals anyone could read off the page: dot counts on items, and any ranking. */
async function visibleTallies(page: Page): Promise<{ totals: number; ranked: number }> {
  return page.evaluate(() => ({
    totals: document.querySelectorAll('[data-dots]').length,
    ranked: document.querySelectorAll('.results-view [data-item-id], [data-rank]').length,
  }));
}

describe('secret dot-voting and results that show where sectors agree', () => {
  it('keeps every ballot secret until the reveal, then shows the same ranking to everyone', async () => {
    const { facilitator, anna, carlo, projector, notes } = await openWorkshop();
    // Small groups: show each sector's part even for a single voter.
    await setVotingField(facilitator, 'Anonymity: smallest group shown', '1');
    await facilitator.getByText('Round 1 · voting open').waitFor();

    await placeDots(anna, notes.flood, 3);
    await placeDots(anna, notes.cycle, 1);
    await anna.getByText('1 of 5 dots left').waitFor();
    await placeDots(carlo, notes.cycle, 1);
    await placeDots(carlo, notes.wetlands, 1);
    await carlo.getByText('3 of 5 dots left').waitFor();
    // The server holds both ballots before anyone looks.
    await facilitator.getByText('2 people have voted').waitFor();

    // Each sees only their own dots: no totals, no ranking, not Carlo's dot on the cycle path.
    expect(await anna.locator(`[data-note-id="${notes.cycle}"] [data-my-dots]`).getAttribute('data-my-dots')).toBe('1');
    expect(await anna.locator(`[data-note-id="${notes.wetlands}"] [data-my-dots]`).getAttribute('data-my-dots')).toBe('0');
    expect(await carlo.locator(`[data-note-id="${notes.flood}"] [data-my-dots]`).getAttribute('data-my-dots')).toBe('0');
    await anna.getByRole('button', { name: 'Results' }).click();
    await anna.locator('[data-results-pending]').waitFor();
    await projector.locator('[data-note-id]').nth(2).waitFor();
    for (const page of [anna, carlo, projector, facilitator]) expect(await visibleTallies(page)).toEqual({ totals: 0, ranked: 0 });

    // A reload keeps Anna's own dots during voting: the server sends her ballot again.
    await anna.reload();
    await waitForSynced(anna);
    await anna.locator(`[data-note-id="${notes.flood}"] [data-my-dots="3"]`).waitFor();
    await anna.locator(`[data-note-id="${notes.cycle}"] [data-my-dots="1"]`).waitFor();
    await anna.getByText('1 of 5 dots left').waitFor();

    await revealResults(facilitator);
    // Results come forward on every screen at once: Anna's drawer, Carlo's phone, the projector.
    await anna.locator('.results .results-view [data-item-id]').first().waitFor();
    await carlo.locator('.phone-results [data-item-id]').first().waitFor();
    await projector.locator('.projector-results [data-item-id]').first().waitFor();

    const byDots = [
      { id: notes.flood, rank: 1, dots: 3, bridging: 0, divergent: true, bySector: { public: 3 } },
      { id: notes.cycle, rank: 2, dots: 2, bridging: 25, divergent: true, bySector: { public: 1, civil: 1 } },
      { id: notes.wetlands, rank: 3, dots: 1, bridging: 0, divergent: true, bySector: { civil: 1 } },
    ];
    expect(await shownResults(anna, '.results .results-view')).toEqual(byDots);
    expect(await shownResults(carlo, '.phone-results .results-view')).toEqual(byDots);
    expect(await shownResults(projector, '.projector-results .projected-results')).toEqual(byDots);
    const summary = projector.locator('.projector-results .projected-summary');
    expect(await summary.getAttribute('data-voters')).toBe('2');
    expect(await summary.getAttribute('data-dots-cast')).toBe('6');
    expect(await summary.locator('[data-voters-sector="public"]').getAttribute('data-count')).toBe('1');
    expect(await summary.locator('[data-voters-sector="civil"]').getAttribute('data-count')).toBe('1');
    // Carlo votes from the room, Anna remotely: each ballot records where it came from.
    await summary.getByText('In the room: 1 · remote: 1').waitFor();
    await projector.getByText('Sectors disagree').first().waitFor();

    // Ordered by how widely the sectors share an item, the cycle path comes first.
    await anna.getByRole('button', { name: 'Most shared across sectors' }).click();
    await waitUntil(async () => (await shownResults(anna, '.results .results-view'))[0]?.id === notes.cycle, 'the bridging order');
    expect((await shownResults(anna, '.results .results-view')).map((r) => [r.id, r.rank])).toEqual([
      [notes.cycle, 1],
      [notes.flood, 2],
      [notes.wetlands, 3],
    ]);
    // Totals now show on the cards too, and the round is closed to new dots.
    await anna.locator(`[data-note-id="${notes.flood}"] [data-dots="3"]`).waitFor();
    expect(await anna.locator(`[data-note-id="${notes.flood}"]`).getByRole('button', { name: 'Add dot' }).isDisabled()).toBe(true);

    // A new round starts empty and secret again; the revealed round stays readable.
    // On a 1280 px laptop the revealed results took the facilitation panel's place: one side panel at a time.
    await facilitator.locator('.board-main > .results').waitFor();
    await facilitator.getByRole('button', { name: 'Facilitation', exact: true }).click();
    await facilitator.getByRole('button', { name: 'New round' }).click();
    await anna.getByText('Round 2 · voting open').waitFor();
    await anna.getByText('5 of 5 dots left').waitFor();
    await anna.locator('[data-results-pending]').waitFor();
    await anna.locator('.results .results-view[data-round="1"]').waitFor();
    expect(await anna.locator(`[data-note-id="${notes.flood}"] [data-dots]`).count()).toBe(0);
  });

  it('hides a sector’s part of an item when fewer than k of its people voted for it', async () => {
    const { facilitator, anna, carlo, projector, notes } = await openWorkshop();
    await placeDots(anna, notes.cycle, 2);
    await placeDots(carlo, notes.cycle, 1);
    await facilitator.getByText('2 people have voted').waitFor();
    await revealResults(facilitator);
    await projector.locator('.projector-results [data-item-id]').first().waitFor();
    // Default k = 3: one voter per sector is too few to show; the total still counts all.
    expect(await shownResults(projector, '.projector-results .projected-results')).toEqual([
      { id: notes.cycle, rank: 1, dots: 3, bridging: null, divergent: false, bySector: { hidden: 3 } },
    ]);
    // "100 % shared" would tell that both sectors backed it: derived figures are withheld too.
    await projector.locator('[data-figures="guarded"]').first().waitFor();
    expect(await projector.locator('.projector-results .result-bridging, .projector-results .result-balanced').count()).toBe(0);
    await projector.getByText('Hidden (fewer than 3 voters) 3').waitFor();
  });
});

describe('open dot-voting, for informal sessions', () => {
  it('shows every dot and the live ranking as they are placed', async () => {
    const { facilitator, anna, carlo, notes } = await openWorkshop();
    await facilitator.getByLabel('Voting mode').selectOption('open');
    await anna.getByRole('button', { name: 'Results' }).click();
    await anna.getByText('Open voting: everyone sees the dots as they are placed.').waitFor();
    await placeDots(anna, notes.cycle, 2);
    await placeDots(carlo, notes.wetlands, 1);
    await carlo.locator(`[data-note-id="${notes.cycle}"] [data-dots="2"]`).waitFor();
    await waitUntil(async () => (await shownResults(anna, '.results .results-view')).length === 2, 'the live ranking');
    expect((await shownResults(anna, '.results .results-view')).map((r) => [r.id, r.rank, r.dots])).toEqual([
      [notes.cycle, 1, 2],
      [notes.wetlands, 2, 1],
    ]);
    await anna.getByText('3 of 5 dots left').waitFor();
  });
});

/** An action card's objective: the textarea of an editable card, the paragraph of the projector's plan. */
async function objectiveOf(card: ReturnType<Page['locator']>): Promise<string> {
  const field = card.locator('[data-action-field="objective"]');
  if ((await field.count()) === 0) return '';
  const area = field.locator('textarea');
  return (await area.count()) > 0 ? area.inputValue() : ((await field.locator('dd').textContent()) ?? '');
}

describe('co-design action cards', () => {
  it('lets two people edit the same card and shows both changes to both', async () => {
    const { facilitator, anna, carlo, projector, notes } = await openWorkshop();
    await placeDots(anna, notes.wetlands, 2);
    await facilitator.getByText('1 person has voted').waitFor();
    await revealResults(facilitator);
    await advanceToPhase(facilitator, 'codesign');

    // The top priority of the round is offered as a starting point.
    const priority = anna.locator(`[data-priority-id="${notes.wetlands}"]`);
    await priority.getByRole('button', { name: 'Create action card' }).click();
    const annaCard = anna.locator('[data-action-id]').first();
    await annaCard.waitFor();
    const id = (await annaCard.getAttribute('data-action-id')) ?? '';
    expect(await annaCard.getByLabel('Action title').inputValue()).toBe('Restore the wetlands');

    const carloCard = carlo.locator(`[data-action-id="${id}"]`);
    await carloCard.waitFor();
    await annaCard.getByLabel('Objective').fill('Two hectares of wetland back by 2030');
    await carloCard.getByRole('button', { name: 'Commit my sector' }).click();

    for (const card of [annaCard, carloCard, projector.locator(`[data-action-id="${id}"]`)]) {
      await card.locator('[data-commitment="civil"][data-committed="true"]').waitFor();
      await waitUntil(async () => (await objectiveOf(card)) === 'Two hectares of wetland back by 2030', 'the objective to reach every screen');
      expect(await card.locator('[data-commitment="public"]').getAttribute('data-committed')).toBe('false');
    }
    await annaCard.getByText('Committed (Carlo Neri)').waitFor();
    // Anna's own sector has not committed yet; she can, Carlo can withdraw his.
    await annaCard.getByRole('button', { name: 'Commit my sector' }).waitFor();
    await carloCard.getByRole('button', { name: 'Withdraw' }).waitFor();
    // The projector reads only.
    const shown = projector.locator(`[data-action-id="${id}"]`);
    expect(await shown.locator('textarea, input, select, button').count()).toBe(0);
    expect(await shown.getByRole('button', { name: 'Commit my sector' }).count()).toBe(0);
  });
});
