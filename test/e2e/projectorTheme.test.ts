/**
 * The projector's two themes, a light one for a bright room and a dark one
 * for a darkened room: the switch is remembered on the projecting device,
 * follows the device's colour scheme until chosen, and the dark theme passes
 * the same axe-core audit (colour contrast included) as the light one does in
 * accessibility.test.ts, in English and Italian, on the board with notes, a
 * scenario and a running timer, on revealed results, and on the action plan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer } from '../helpers/browser';
import { auditPage, checkedRules } from '../helpers/axe';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();

async function auditBothLanguages(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const lng of ['it', 'en'] as const) {
    await page.locator(`.segmented-btn[lang="${lng}"]`).first().click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lng);
    found.push(...(await auditPage(page, `${label} [${lng}]`)));
  }
  return found;
}

afterAll(() => {
  console.log(`axe checked ${checkedRules().length} rules on the dark projector`);
});

describe('the projector in a bright room and in a darkened one', () => {
  it('switches to a dark theme that reads at AA in both languages, and remembers it', async () => {
    const room = await createRoom(env.server, 'Contratto di fiume Olona');
    const [f, p] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'private', where: 'remote' }, viewMode: 'board' }),
    ]);
    const projectorContext: BrowserContext = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const found: string[] = [];
    try {
      const facilitator = await openLink(f, room.links.facilitator);
      const participant = await openLink(p, room.links.participant);
      const projector = await openLink(projectorContext, `${room.links.observer}&join=${room.tokens.participant}`);
      expect(await projector.locator('.projector').getAttribute('data-theme')).toBe('light');
      const toggle = projector.getByRole('button', { name: 'Dark room' });
      await toggle.click();
      await projector.locator('.projector[data-theme="dark"]').waitFor();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');

      // Notes, a scenario and a running timer on the wall.
      await addNote(facilitator, 'Flood-risk map');
      await addNote(facilitator, 'Safe cycle path');
      await advanceToPhase(facilitator, 'scenarios');
      await facilitator.getByRole('button', { name: 'New scenario' }).click();
      await facilitator.getByLabel('Minutes').fill('5');
      await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
      await projector.locator('[data-scenario-frame]').waitFor();
      await projector.locator('[data-timer-state="running"]').first().waitFor();
      found.push(...(await auditBothLanguages(projector, 'dark projector, board')));

      // Revealed results take the stage.
      await advanceToPhase(facilitator, 'priorities');
      const noteIds = await participant.locator('.canvas [data-note-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-note-id') ?? ''));
      await placeDots(participant, noteIds[0]!, 2);
      await placeDots(participant, noteIds[1]!, 1);
      await facilitator.getByRole('button', { name: 'Reveal results' }).click();
      if ((await facilitator.getByRole('alertdialog').count()) > 0) await facilitator.getByRole('button', { name: 'Reveal anyway' }).click();
      await projector.locator('.projector-results .projected-results').waitFor();
      found.push(...(await auditBothLanguages(projector, 'dark projector, revealed results')));

      // The action plan, one sector committed.
      await advanceToPhase(facilitator, 'codesign');
      await facilitator.getByRole('button', { name: 'New action' }).click();
      await participant.getByRole('button', { name: 'Commit my sector' }).click();
      await projector.locator('[data-commitment="private"][data-committed="true"]').waitFor();
      found.push(...(await auditBothLanguages(projector, 'dark projector, action plan')));

      // Remembered on this device across a reload; switched back with the same button.
      await projector.reload();
      await projector.locator('.projector[data-theme="dark"]').waitFor();
      await projector.getByRole('button', { name: 'Dark room' }).click();
      await projector.locator('.projector[data-theme="light"]').waitFor();
    } finally {
      if (found.length > 0) console.log(found.join('\n'));
      await projectorContext.close();
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('starts dark on a device that prefers a dark colour scheme, until someone chooses', async () => {
    const room = await createRoom(env.server, 'Sala buia');
    const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    try {
      const projector = await openLink(context, room.links.observer);
      await projector.locator('.projector[data-theme="dark"]').waitFor();
      await projector.getByRole('button', { name: 'Dark room' }).click();
      await projector.locator('.projector[data-theme="light"]').waitFor();
      await projector.reload();
      await projector.locator('.projector[data-theme="light"]').waitFor();
    } finally {
      await context.close();
    }
  });
});
