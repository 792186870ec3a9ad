/**
 * The board at laptop sizes: in Co-design at 1440×900 and 1280×720 the side
 * panels never cover the canvas or its toolbar, at most one is open, and the
 * header keeps the whole title when the dots pill appears.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createNote } from '../../shared/notes';
import { setPhase } from '../../shared/session';
import { createRoom } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openLink, useBrowserAndServer } from '../helpers/browser';

const env = useBrowserAndServer();
const SHOTS = process.env.SHOTS_DIR;

/** True when the control is on screen and is what a click at its centre would hit. */
const reachable = (page: Page, name: string): Promise<boolean> =>
  page
    .locator('.toolbar')
    .getByRole('button', { name, exact: true })
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (r.width === 0 || x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit !== null && el.contains(hit);
    });

async function sidePanels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.board-main > .results, .board-main > .action-plan-panel, .board-main > .facilitator-panel')].map((e) => e.className),
  );
}

describe('the board at laptop sizes', () => {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    it(`keeps the canvas and its toolbar usable in Co-design at ${width}×${height}`, async () => {
      const room = await createRoom(env.server, 'Piano della mobilità sostenibile 2030');
      const fac = await joinRoom(env.server, room);
      createNote(fac.doc, { x: 0, y: 0, text: 'Cycle path', author: { id: fac.creds.participantId!, name: 'Giulia', sector: 'public' } });
      setPhase(fac.doc, 'codesign');
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
      await context.addInitScript(() => window.localStorage.setItem('tavolo.identity', JSON.stringify({ name: 'Giulia Rossi', sector: 'public', where: 'room' })));
      const page = await openLink(context, room.links.facilitator);
      await page.locator('.action-plan-panel').waitFor();

      if (SHOTS) await page.screenshot({ path: `${SHOTS}/codesign-plan-${width}.png` });
      // The plan opened by itself in Co-design; the facilitation panel made way for it.
      expect(await sidePanels(page)).toHaveLength(1);
      for (const control of ['Add note', 'Fit to content', 'Results']) expect(await reachable(page, control), control).toBe(true);
      const stage = await page.locator('.board-stage').boundingBox();
      expect(stage!.width).toBeGreaterThanOrEqual(width * 0.5);

      // Opening the facilitation panel closes the plan, and back.
      await page.getByRole('button', { name: 'Facilitation', exact: true }).click();
      await page.locator('.facilitator-panel').waitFor();
      expect(await sidePanels(page)).toHaveLength(1);
      // Beside a panel the toolbar keeps one row: it lays out in the whole canvas width, not half of it.
      const bar = (await page.locator('.toolbar').boundingBox())!;
      const tool = (await page.locator('.toolbar').getByRole('button', { name: 'Add note', exact: true }).boundingBox())!;
      expect(bar.height, 'toolbar height').toBeLessThan(tool.height * 2);
      await page.locator('.toolbar').getByRole('button', { name: 'Results', exact: true }).click();
      await page.locator('.board-main > .results').waitFor();
      expect(await sidePanels(page)).toHaveLength(1);
      for (const control of ['Add note', 'Fit to content']) expect(await reachable(page, control), control).toBe(true);
      await page.getByRole('button', { name: 'Action plan', exact: true }).click();
      await page.locator('.action-plan-panel').waitFor();
      expect(await sidePanels(page)).toHaveLength(1);
      expect(await reachable(page, 'Add note')).toBe(true);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/codesign-${width}.png` });
      fac.destroy();
    });
  }

  it('shows the whole title at 1280 px when the dots pill joins the header', async () => {
    const title = 'Piano della mobilità sostenibile 2030';
    const room = await createRoom(env.server, title);
    const fac = await joinRoom(env.server, room);
    setPhase(fac.doc, 'priorities');
    const context = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
    const page = await openLink(context, room.links.participant);
    await page.locator('.dots-left').waitFor();
    const h1 = page.locator('.board-title');
    expect(await h1.textContent()).toBe(title);
    const cut = await h1.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(false);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/header-1280.png` });
    fac.destroy();
  });
});
