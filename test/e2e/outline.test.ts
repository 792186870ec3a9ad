/**
 * The outline mode, as a participant who uses only the keyboard takes part
 * through it: they join (choosing the outline in the join dialog), write a
 * private note, edit it once revealed, move it into a scenario with
 * "Move to…", place and remove dots and commit their sector to an action
 * card — pressing keys only, never clicking. The facilitator runs the
 * session on the canvas board and sees each change; the participant's live
 * region says what the facilitator did. axe-core then audits the outline
 * (WCAG 2.1 A and AA) in English and in Italian.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditPage } from '../helpers/axe';
import { createRoom } from '../helpers/server';
import { advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();
/** More than any control is away from the previous one in the outline. */
const MAX_TABS = 80;

/** Presses Tab (Shift+Tab going back) until the focused element's accessible name (label, aria-label or text) matches. */
async function tabTo(page: Page, name: string | RegExp, back = false): Promise<void> {
  const pattern = typeof name === 'string' ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : name.source;
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return labelled.trim();
    });
    if (new RegExp(pattern).test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

/** Everything the page's live regions said, in order (recorded from the start). */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
    new MutationObserver((records) => {
      for (const r of records) {
        const region = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('[data-announcer]');
        const text = region?.textContent?.trim();
        if (text) heard.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const heard = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);

async function waitToHear(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction((source) => (window as unknown as { __heard: string[] }).__heard.some((s) => new RegExp(source).test(s)), pattern.source, {
    timeout: 10_000,
  });
}

describe('outline mode', () => {
  it('lets a keyboard-only participant take part while the facilitator on the canvas sees each change', async () => {
    const room = await createRoom(env.server, 'Lambro');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Fede', sector: 'other' }, viewMode: 'board' }), room.links.facilitator);

    const context = await env.desktop();
    const page = await context.newPage();
    await recordAnnouncements(page);
    await page.goto(room.links.participant);
    await waitForSynced(page);

    // Join: name (focused), sector, where, the outline, Join — keys only.
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('Lea');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // into the sector group: the second, Private
    await page.keyboard.press('ArrowUp'); // back to Public
    await tabTo(page, 'In the room');
    await page.keyboard.press('Space');
    await tabTo(page, 'I use a screen reader or keyboard: open the outline');
    await page.keyboard.press('Space');
    await tabTo(page, 'Join');
    await page.keyboard.press('Enter');
    await page.locator('.outline').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => localStorage.getItem('tavolo.viewMode'))).toBe('outline');

    // Listening, private writing: the note is a draft until the facilitator reveals it.
    await tabTo(page, 'Text of the new note');
    await page.keyboard.type('Night buses');
    await page.keyboard.press('Control+Enter');
    const draft = page.locator('section[aria-labelledby="outline-drafts-title"] [data-outline-note]');
    await draft.waitFor();
    await waitToHear(page, /^Note added\.$/);
    // Revealed once the server holds the draft (the facilitator's count says so).
    await facilitator.locator('[data-draft-notes="1"]').waitFor();
    await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
    await waitForNoteText(facilitator, 'Night buses');
    const noteId = (await facilitator.locator('[data-note-id]').first().getAttribute('data-note-id'))!;

    // Revealed, it is on the board in no scenario, still the participant's to edit.
    const mine = page.locator(`section[aria-labelledby="outline-loose-title"] [data-outline-note="${noteId}"] textarea`);
    await mine.waitFor();
    await tabTo(page, 'Your note');
    await page.keyboard.press('End');
    await page.keyboard.type(' please');
    await waitForNoteText(facilitator, 'Night buses please');

    // The facilitator makes a scenario and moves on; the participant hears the phase change.
    await facilitator.getByRole('button', { name: 'New scenario' }).click();
    await advanceToPhase(facilitator, 'scenarios');
    await waitToHear(page, /^Phase now: Scenarios\./);
    await page.getByRole('heading', { level: 3, name: 'Scenario 1: 0 notes' }).waitFor();

    await tabTo(page, 'Move “Night buses please” to…');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Move “Night buses please”');
    await page.keyboard.press('Enter');
    await facilitator.locator(`[data-note-id="${noteId}"]:not([data-scenario-id=""])`).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Scenario 1: 1 note' }).waitFor();
    // Focus follows the note into its scenario.
    await page.waitForFunction((id) => document.activeElement?.closest(`[data-outline-note="${id}"]`) !== null, noteId);
    await waitToHear(page, /^Moved to Scenario 1\.$/);

    // Priorities, open voting so the facilitator sees the dots as they are placed.
    await advanceToPhase(facilitator, 'priorities');
    await facilitator.getByLabel('Voting mode').selectOption('open');
    await page.locator(`[data-outline-dots="${noteId}"][data-dots="0"]`).waitFor();
    await tabTo(page, 'Add a dot to “Night buses please”');
    await page.keyboard.press('Enter');
    await waitToHear(page, /: 1 of your dots\. 4 left\.$/);
    await page.keyboard.press('Enter');
    await facilitator.locator(`[data-note-id="${noteId}"] .dots[data-dots="2"]`).waitFor();
    await waitToHear(page, /: 2 of your dots\. 3 left\.$/);
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await facilitator.locator(`[data-note-id="${noteId}"] .dots[data-dots]`).waitFor({ state: 'detached' });
    // Removing the last dot leaves focus on its button, not on the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove a dot from “Night buses please”');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await facilitator.locator(`[data-note-id="${noteId}"] .dots[data-dots="1"]`).waitFor();

    // Co-design: writing is open again; a note written by mistake is deleted, after a question.
    await advanceToPhase(facilitator, 'codesign');
    await tabTo(page, 'Text of the new note', true);
    await page.keyboard.type('Typo');
    await page.keyboard.press('Control+Enter');
    // The canvas draws only what is in view: the facilitator fits the board to see where it landed.
    await waitUntil(async () => {
      await facilitator.getByRole('button', { name: 'Fit to content' }).click();
      return (await countNotesWithText(facilitator, 'Typo')) === 1;
    }, 'the new note on the facilitator’s board');
    await tabTo(page, 'Delete note “Typo”');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await countNotesWithText(facilitator, 'Typo')) === 0, 'the deleted note to leave the board');
    // Focus goes to the heading of the section the note was in, not to the page.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/^H[23]$/);

    // The facilitator opens a card, the participant commits their sector to it.
    await facilitator.getByRole('button', { name: /New action/ }).click();
    const card = facilitator.locator('[data-action-id]').first();
    await card.waitFor();
    await page.locator('[data-action-id]').waitFor();
    await tabTo(page, 'Commit my sector');
    await page.keyboard.press('Enter');
    await card.locator('[data-commitment="public"][data-committed="true"]').waitFor();
    expect((await heard(page)).some((s) => /^Phase now: Co-design\./.test(s))).toBe(true);

    // The outline passes the WCAG 2.1 A/AA audit, for this participant in English...
    const english = await auditPage(page, 'the participant’s outline, English');
    expect(english).toEqual([]);
    // ...and for the facilitator, switched to the outline with its controls open, in Italian.
    await facilitator.getByRole('button', { name: 'Outline view' }).click();
    await facilitator.locator('.outline').waitFor();
    await facilitator.getByRole('button', { name: /Italiano/ }).click();
    await facilitator.getByRole('heading', { level: 2, name: 'Fase 5 di 5: Co-progettazione' }).waitFor();
    const italian = await auditPage(facilitator, 'the facilitator’s outline, Italian');
    expect(italian).toEqual([]);
  });
});
