/**
 * The projector as a room sees it, at 1920×1080: the join link that survives
 * a reload, its language switch, the revealed results on one screen, the
 * spotlit note enlarged, and the action plan read as a plan. The workshop
 * around it is driven by real Yjs clients (the facilitator and voters) so
 * each test sets up in a second; the projector is real Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actionText, commit, createAction, setLead, setPartners } from '../../shared/actions';
import { formatJoinCode } from '../../shared/ids';
import { createNote } from '../../shared/notes';
import { setPhase, setSpotlight } from '../../shared/session';
import { createRoom, type RoomAccess } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';
import { openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();
const SHOTS = process.env.SHOTS_DIR;

type Created = RoomAccess & { joinCode: string; links: RoomAccess['links'] & { join: string } };

async function projectorAt1080(link: string, locale = 'en-GB'): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale });
  return openLink(context, link);
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const author = (c: TestClient & { creds: { participantId: string | null } }) => ({ id: c.creds.participantId!, name: 'Giulia Rossi', sector: 'public' as const });

describe('the projector at 1920×1080', () => {
  it('keeps its QR code and short address across a reload, in large type', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    // The observer link alone, as the facilitator might paste it: no join token in it.
    const projector = await projectorAt1080(room.links.observer);
    await projector.locator(`[data-qr="${room.links.join}"]`).waitFor();
    const code = projector.locator('.projector-link-code');
    expect(await code.textContent()).toBe(formatJoinCode(room.joinCode));
    const style = await code.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const side = el.closest('.projector-side')!.getBoundingClientRect();
      return { size: parseFloat(getComputedStyle(el).fontSize), color: getComputedStyle(el).color, inside: box.left >= side.left && box.right <= side.right };
    });
    expect(style.size).toBeGreaterThanOrEqual(36);
    expect(style.color).toBe('rgb(31, 35, 40)');
    expect(style.inside).toBe(true);

    await projector.reload();
    await projector.locator(`[data-qr="${room.links.join}"]`).waitFor();
    expect(await projector.locator('.projector-link-code').textContent()).toBe(formatJoinCode(room.joinCode));
    await shot(projector, 'projector-join');
  });

  it('switches language on the projector itself and remembers it after a reload', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    const projector = await projectorAt1080(room.links.observer, 'en-GB');
    await projector.getByText('Join from your phone').waitFor();
    await projector.getByRole('button', { name: 'Italiano' }).click();
    await projector.getByText('Partecipa dal telefono').waitFor();
    await projector.reload();
    await projector.getByText('Partecipa dal telefono').waitFor();
    expect(await projector.evaluate(() => document.documentElement.lang)).toBe('it');
  });

  it('shows the top eight of a revealed round on one screen, without scrolling or toggles', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    const fac = await joinRoom(env.server, room);
    const notes = Array.from({ length: 12 }, (_, i) =>
      createNote(fac.doc, {
        x: (i % 4) * 230,
        y: Math.floor(i / 4) * 170,
        text: `Priority ${i + 1}: a cycle path along the river that links the two villages and the school`,
        author: author(fac),
      }),
    );
    setPhase(fac.doc, 'priorities');
    const projector = await projectorAt1080(room.links.observer);
    const sectors = ['public', 'private', 'civil', 'other'] as const;
    const voters = await Promise.all(sectors.map(() => joinRoom(env.server, room, { role: 'participant' })));
    await waitFor(() => voters.every((v) => notes.every((n) => v.doc.getMap('notes').has(n))), { message: 'notes everywhere' });
    // The server answers votes once a client has said hello, as the app does on connecting.
    for (const c of [fac, ...voters]) await c.control({ t: 'hello' });
    await waitFor(() => voters.every((v) => v.controls.some((m) => m.t === 'ballot')), { message: 'greetings' });
    // Every voter spreads five dots so that all twelve notes get some.
    for (const [i, v] of voters.entries()) {
      for (let d = 0; d < 5; d++) {
        const before = v.controls.length;
        await v.control({ t: 'vote', itemId: notes[(i * 3 + d) % notes.length]!, delta: 1, sector: sectors[i]!, where: 'room' });
        await waitFor(() => v.controls.slice(before).some((m) => m.t === 'ballot'), { message: 'ballot' });
      }
    }
    await fac.control({ t: 'revealVotes' });

    const list = projector.locator('.projector-results .projected-list');
    await list.locator('[data-item-id]').nth(7).waitFor();
    expect(await list.locator('[data-item-id]').count()).toBe(8);
    const fit = await projector.evaluate(() => {
      const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const overlay = document.querySelector('.projector-results')!;
      const stage = box('.projector-stage');
      const rows = [...document.querySelectorAll('.projected-result')].map((r) => r.getBoundingClientRect());
      return {
        overflow: overlay.scrollHeight - overlay.clientHeight,
        rowsInside: rows.every((r) => r.top >= stage.top && r.bottom <= stage.bottom + 0.5 && r.height >= 48),
        ranks: [...document.querySelectorAll<HTMLElement>('.projected-result')].map((r) => Number(r.dataset.rank)),
      };
    });
    expect(fit.overflow).toBeLessThanOrEqual(0);
    expect(fit.rowsInside).toBe(true);
    expect(fit.ranks).toEqual([...fit.ranks].sort((a, b) => a - b));
    // Nothing to press on an unattended screen.
    expect(await projector.locator('.projector-results button').count()).toBe(0);
    await projector.getByText('top 8 of 12').waitFor();
    await shot(projector, 'projector-results');
    for (const c of [fac, ...voters]) c.destroy();
  });

  it('enlarges the spotlit note with its whole text', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    const fac = await joinRoom(env.server, room);
    const long =
      'Restore the wetlands between the two bridges, so that the floods of spring spread slowly, the birds come back, and the schools have a place to learn outdoors all year round';
    const id = createNote(fac.doc, { x: 0, y: 0, text: long, author: author(fac) });
    createNote(fac.doc, { x: 400, y: 300, text: 'Another note', author: author(fac) });
    const projector = await projectorAt1080(room.links.observer);
    setSpotlight(fac.doc, { kind: 'note', id }, Date.now());
    const card = projector.locator(`[data-spotlit-note="${id}"]`);
    await card.waitFor();
    expect(await card.locator('.projector-spotlight-text').textContent()).toBe(long);
    const measured = await card.evaluate((el) => {
      const text = el.querySelector('.projector-spotlight-text')!;
      return { size: parseFloat(getComputedStyle(text).fontSize), width: el.getBoundingClientRect().width, clipped: el.scrollHeight > el.clientHeight + 1 };
    });
    expect(measured.size).toBeGreaterThanOrEqual(48);
    expect(measured.width).toBeGreaterThan(800);
    expect(measured.clipped).toBe(false);
    await shot(projector, 'projector-spotlight');

    setSpotlight(fac.doc, null, 0);
    await card.waitFor({ state: 'detached' });
    fac.destroy();
  });

  it('reads the action plan as a plan: no form fields, words kept whole', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    const fac = await joinRoom(env.server, room);
    setPhase(fac.doc, 'codesign');
    const id = createAction(fac.doc, { title: 'Wetland restoration between the bridges', createdBy: fac.creds.participantId! });
    actionText(fac.doc, id, 'objective')!.insert(0, 'Two hectares of wetland back by 2030, with interpretative footpaths and monitoring stations');
    actionText(fac.doc, id, 'timeline')!.insert(0, 'Design in 2026, works in 2027–2028');
    setLead(fac.doc, id, { name: 'Consorzio di bonifica', sector: 'public' });
    setPartners(fac.doc, id, [
      { name: 'Legambiente', sector: 'civil' },
      { name: 'Cooperativa agricola', sector: 'private' },
    ]);
    commit(fac.doc, id, 'public', { participantId: fac.creds.participantId!, name: 'Giulia Rossi' });
    createAction(fac.doc, { title: 'Cycle path', createdBy: fac.creds.participantId! });

    const projector = await projectorAt1080(room.links.observer);
    const card = projector.locator(`[data-action-id="${id}"]`);
    await card.locator('[data-action-field="objective"] dd').getByText('Two hectares of wetland', { exact: false }).waitFor();
    expect(await card.locator('textarea, input, select, button').count()).toBe(0);
    await card.getByText('Consorzio di bonifica').waitFor();
    await card.getByText('Legambiente').waitFor();
    await card.locator('[data-commitment="public"][data-committed="true"]').waitFor();
    // Every word of the objective sits whole on its line: no line starts inside a word.
    const brokenWords = await card.locator('[data-action-field="objective"] dd').evaluate((dd) => {
      const node = dd.firstChild!;
      const text = node.textContent ?? '';
      const range = document.createRange();
      let lastTop = -1;
      const breaks: number[] = [];
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = range.getClientRects()[0]?.top ?? lastTop;
        if (lastTop >= 0 && top > lastTop + 2) breaks.push(i);
        lastTop = top;
      }
      return breaks.filter((i) => /\w/.test(text[i - 1] ?? ' ') && /\w/.test(text[i] ?? ' '));
    });
    expect(brokenWords).toEqual([]);
    await waitUntil(async () => (await projector.locator('.plan-card').count()) === 2, 'both cards');
    await shot(projector, 'projector-plan');
    fac.destroy();
  });

  it('lets someone type the projector\u2019s code on the home page, and retype a wrong one', async () => {
    const room = (await createRoom(env.server, 'River contract')) as Created;
    const context = await env.phone({ identity: { name: 'Sara Gialli', sector: 'private', where: 'room' } });
    const page = await context.newPage();
    await page.goto(env.server.url);
    const field = page.getByLabel('Workshop code');
    // One character off: the code matches no workshop.
    const wrong = `${room.joinCode.slice(0, 9)}${room.joinCode[9] === '2' ? '3' : '2'}`;
    await field.fill(wrong.toLowerCase());
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('alert').getByText('No workshop has this code').waitFor();
    expect(await field.inputValue()).toBe(wrong.toLowerCase());
    await field.fill(formatJoinCode(room.joinCode));
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(`**/r/${room.roomId}`);
    await page.getByRole('button', { name: 'Add note' }).waitFor();

    // A mistyped short link offers the code back to correct, not a dead end.
    const other = await context.newPage();
    await other.goto(`${env.server.url}/j/${formatJoinCode(wrong)}`);
    await other.getByRole('alert').getByText('No workshop has this code').waitFor();
    await other.getByLabel('Workshop code').fill(room.joinCode);
    await other.getByRole('button', { name: 'Join', exact: true }).click();
    await other.waitForURL(`**/r/${room.roomId}`);
  });
});
