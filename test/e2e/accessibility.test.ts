/**
 * Every view under axe-core's WCAG 2.1 A and AA rules, in English and in
 * Italian: home, the accessibility statement, the join dialog, the board in
 * each of the five phases (facilitator and participant), the phone view, the
 * projector, the results, the action plan, and the links and settings
 * dialogs. One browser and one server; each view is audited where it stands
 * in a real workshop, so what it shows (notes, a scenario, dots, revealed
 * results, action cards, a running timer) is what people see.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import en from '../../client/i18n/en/core.json';
import it_ from '../../client/i18n/it/core.json';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForSynced } from '../helpers/browser';
import { auditPage, checkedRules } from '../helpers/axe';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();
const LANGUAGES = ['en', 'it'] as const;
type Language = (typeof LANGUAGES)[number];
const STRINGS = { en, it: it_ };
const SUITE_TIMEOUT_MS = 300_000;

/** Switches the page's language with its EN/IT buttons, or (behind a modal) through storage and a reload. */
async function useLanguage(page: Page, lng: Language): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === lng) return;
  if ((await page.locator('dialog[open]').count()) === 0) {
    await page.locator(`.segmented-btn[lang="${lng}"]`).first().click();
  } else {
    await page.evaluate((l) => window.localStorage.setItem('tavolo.language', l), lng);
    await page.reload();
  }
  await page.waitForFunction((l) => document.documentElement.lang === l, lng);
}

const found: string[] = [];

/** Audits what `page` shows in each language (`prepare` re-opens anything a switch closed), back in English after. */
async function auditBoth(page: Page, label: string, prepare?: () => Promise<void>): Promise<void> {
  for (const lng of LANGUAGES) {
    await useLanguage(page, lng);
    await prepare?.();
    found.push(...(await auditPage(page, `${label} [${lng}]`)));
  }
  await useLanguage(page, 'en');
}

/** Opens a dialog with its button, audits it in both languages, and closes it with Escape. */
async function auditDialog(page: Page, label: string, opener: (lng: Language) => string): Promise<void> {
  for (const lng of LANGUAGES) {
    await useLanguage(page, lng);
    await page.locator(opener(lng)).first().click();
    await page.locator('dialog[open]').waitFor();
    found.push(...(await auditPage(page, `${label} [${lng}]`)));
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
  }
  await useLanguage(page, 'en');
}

afterAll(() => {
  const rules = checkedRules();
  console.log(`axe checked ${rules.length} rules (WCAG 2.1 A/AA): ${rules.join(', ')}`);
});

describe('every view under an accessibility audit, in English and Italian', () => {
  beforeEach(() => {
    found.length = 0;
  });
  it('home, the accessibility statement and the join dialog have no violations', async () => {
    const context = await env.desktop();
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.locator('#home-title').waitFor();
    await auditBoth(page, 'home');

    await page.goto(`${env.server.url}/accessibility`);
    await page.locator('main h1').waitFor();
    await auditBoth(page, 'accessibility statement');

    const room = await createRoom(env.server, 'Accessibile');
    await page.goto(room.links.participant);
    await page.getByRole('dialog').waitFor();
    await auditBoth(page, 'join dialog', () => page.getByRole('dialog').waitFor());

    // The printable report has no language switch: it follows the language chosen on this device.
    for (const lng of LANGUAGES) {
      await page.evaluate((l) => window.localStorage.setItem('tavolo.language', l), lng);
      await page.goto(`${env.server.url}/r/${room.roomId}/report#t=${room.tokens.facilitator}`);
      await page.locator('[data-report-cover]').waitFor();
      found.push(...(await auditPage(page, `printable report [${lng}]`)));
    }
    await page.evaluate(() => window.localStorage.setItem('tavolo.language', 'en'));
    expect(found).toEqual([]);
  });

  it('the board in every phase, the phone, the projector, results, action plan and dialogs have no violations', async () => {
    const room = await createRoom(env.server, 'Contratto di fiume');
    const [f, p, ph] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'private', where: 'remote' }, viewMode: 'board' }),
      env.phone({ identity: { name: 'Carlo Neri', sector: 'civil' }, viewMode: 'simple' }),
    ]);
    const projectorContext: BrowserContext = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const facilitator = await openLink(f, room.links.facilitator);
      // One at a time: four pages syncing at once crowd a loaded CI machine.
      const participant = await openLink(p, room.links.participant);
      const phone = await openLink(ph, room.links.participant);
      const projector = await openLink(projectorContext, `${room.links.observer}&join=${room.tokens.participant}`);
      // Pages audit side by side: each renderer is its own process.
      const boards = async (phase: string, ...others: [Page, string][]): Promise<void> => {
        await Promise.all([
          auditBoth(facilitator, `facilitator board, ${phase}`),
          auditBoth(participant, `participant board, ${phase}`),
          ...others.map(([page, label]) => auditBoth(page, `${label}, ${phase}`)),
        ]);
      };

      // Listening, private writing: drafts, a running timer, and the facilitator's dialogs.
      await addNote(facilitator, 'Flood-risk map');
      await addNote(participant, 'Safe cycle path');
      await phone.getByLabel('Write a note').fill('Restore the wetlands');
      await phone.getByRole('button', { name: 'Add note' }).click();
      await phone.locator('li.is-draft[data-note-id]').waitFor();
      await facilitator.getByLabel('Minutes').fill('5');
      await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
      await participant.locator('[data-timer-state="running"]').first().waitFor();
      await boards('listening', [phone, 'phone'], [projector, 'projector']);
      await auditDialog(facilitator, 'settings dialog', (l) => `.toolbar button[aria-label="${STRINGS[l].toolbar.settings}"]`);
      await auditDialog(facilitator, 'links dialog (facilitator)', (l) => `.board-header button:text("${STRINGS[l].links.open}")`);
      await auditDialog(participant, 'links dialog (participant)', (l) => `.board-header button:text("${STRINGS[l].links.open}")`);
      await auditDialog(participant, 'identity dialog', () => '.identity-chip');
      await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
      await facilitator.locator('.canvas [data-note-id]:not([data-draft])').nth(2).waitFor();

      await advanceToPhase(facilitator, 'discussion');
      await participant.locator('[data-phase-step="discussion"][aria-current="step"]').first().waitFor();
      await boards('discussion');

      // Scenarios: a frame beside the notes.
      await advanceToPhase(facilitator, 'scenarios');
      await facilitator.getByRole('button', { name: 'New scenario' }).click();
      const frame = facilitator.locator('[data-scenario-frame]').first();
      await frame.waitFor();
      const frameId = (await frame.getAttribute('data-scenario-frame')) ?? '';
      await participant.locator(`[data-scenario-frame="${frameId}"]`).waitFor();
      await boards('scenarios', [projector, 'projector']);

      // Priorities: dots placed, then the results revealed.
      await advanceToPhase(facilitator, 'priorities');
      const noteIds = await participant.locator('.canvas [data-note-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-note-id') ?? ''));
      // The notes may sit under the floating toolbar: bring them all into view first, as a person would.
      await participant.getByRole('button', { name: STRINGS.en.toolbar.fit }).click();
      await placeDots(participant, noteIds[0]!, 2);
      await placeDots(participant, noteIds[1]!, 1);
      await placeDots(phone, noteIds[1]!, 1);
      await boards('priorities, voting', [phone, 'phone']);
      await facilitator.getByRole('button', { name: 'Reveal results' }).click();
      // Asked first only when few of those present have voted.
      if ((await facilitator.getByRole('alertdialog').count()) > 0) await facilitator.getByRole('button', { name: 'Reveal anyway' }).click();
      await facilitator.locator('[data-voting-state="revealed"]').first().waitFor();
      await participant.locator('.results .results-view').waitFor();
      await boards('priorities, revealed results', [phone, 'phone'], [projector, 'projector']);

      // Co-design: an action card, one sector committed.
      await advanceToPhase(facilitator, 'codesign');
      await facilitator.getByRole('button', { name: 'New action' }).click();
      await participant.locator('[data-action-id]').waitFor();
      await participant.getByRole('button', { name: 'Commit my sector' }).click();
      await facilitator.getByText('Anna Verdi', { exact: false }).first().waitFor();
      await boards('co-design with the action plan', [phone, 'phone'], [projector, 'projector']);
      await waitForSynced(facilitator);
    } finally {
      if (found.length > 0) console.log(found.join('\n'));
      await projectorContext.close();
    }
    expect(found).toEqual([]);
  }, SUITE_TIMEOUT_MS);
});

/** Elements wider than the page, or the page itself scrolling sideways. */
const sidewaysOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = document.documentElement.scrollWidth > width ? [`page scrolls: ${document.documentElement.scrollWidth} > ${width}`] : [];
    // The canvas's world is meant to extend past the screen; everything else must fit.
    for (const el of document.querySelectorAll<HTMLElement>('header *, .phase-bar *, .toolbar, .phone-main *, .page *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 1 || r.left < -1) && !el.closest('.canvas, .visually-hidden, dialog:not([open])')) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}…${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });

describe('reflow (WCAG 1.4.10)', () => {
  it('shows home, the statement, the phone view at 320 CSS px and the board at 200 % zoom without sideways scrolling', async () => {
    const room = await createRoom(env.server, 'Un titolo piuttosto lungo per un tavolo di lavoro');
    const narrow = await env.browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'it-IT' });
    // A 1280×800 laptop at 200 % zoom lays out as 640×400 CSS px.
    const zoomed = await env.browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'it-IT' });
    try {
      for (const context of [narrow, zoomed]) {
        await context.addInitScript(() => {
          window.localStorage.setItem('tavolo.identity', JSON.stringify({ name: 'Maria Grazia Bianchi', sector: 'civil', where: 'room' }));
        });
      }
      const overflows: string[] = [];
      const page = await narrow.newPage();
      for (const path of ['/', '/accessibility', '/privacy']) {
        await page.goto(env.server.url + path);
        await page.locator('h1').first().waitFor();
        overflows.push(...(await sidewaysOverflow(page)).map((o) => `320px ${path}: ${o}`));
      }
      await page.goto(room.links.participant);
      await waitForSynced(page);
      overflows.push(...(await sidewaysOverflow(page)).map((o) => `320px phone view: ${o}`));
      const board = await zoomed.newPage();
      await board.goto(room.links.facilitator);
      await waitForSynced(board);
      await board.evaluate(() => window.localStorage.setItem('tavolo.viewMode', 'board'));
      await board.reload();
      await board.locator('.toolbar').waitFor();
      overflows.push(...(await sidewaysOverflow(board)).map((o) => `200% board: ${o}`));
      expect(overflows).toEqual([]);
    } finally {
      await narrow.close();
      await zoomed.close();
    }
  }, 90_000);
});
