/**
 * The facilitator's tools under the same axe-core audit as every other view
 * (accessibility.test.ts), in English and Italian: the import dialog with a
 * preview that flags a bad line, the version history with a saved version,
 * and the suggested scenarios with their groups — each where it stands in a
 * real workshop, with the board's notes written by a real Yjs client.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createNote } from '../../shared/notes';
import historyEn from '../../client/i18n/en/history.json';
import historyIt from '../../client/i18n/it/history.json';
import importEn from '../../client/i18n/en/import.json';
import importIt from '../../client/i18n/it/import.json';
import suggestEn from '../../client/i18n/en/suggest.json';
import suggestIt from '../../client/i18n/it/suggest.json';
import { createRoom } from '../helpers/server';
import { advanceToPhase, openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';
import { auditPage } from '../helpers/axe';
import { joinRoom } from '../helpers/yclient';

const env = useBrowserAndServer();
const STRINGS = {
  en: { ...historyEn, ...importEn, ...suggestEn },
  it: { ...historyIt, ...importIt, ...suggestIt },
};
const NOTES = [
  'Più trasporto pubblico tra le frazioni e la stazione',
  'Autobus la sera per le frazioni',
  'Orari del trasporto pubblico coordinati con i treni alla stazione',
  'Riqualificare il parco pubblico con alberi e panchine',
  'Alberi e giochi per bambini nel parco',
  'Un parco giochi nuovo nel quartiere',
];

async function useLanguage(page: Page, lng: 'en' | 'it'): Promise<void> {
  await page.locator(`.segmented-btn[lang="${lng}"]`).first().click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lng);
}

describe("the facilitator's tools under an accessibility audit, in English and Italian", () => {
  it('the import dialog, the version history and the suggested scenarios have no violations', async () => {
    const room = await createRoom(env.server, 'Rilancio della valle');
    const writer = await joinRoom(env.server, room);
    NOTES.forEach((text, i) =>
      createNote(writer.doc, { x: 40 + (i % 3) * 240, y: 40 + Math.floor(i / 3) * 180, text, now: Date.now() + i, author: { id: writer.creds.participantId!, name: 'Giulia', sector: 'public' } }),
    );
    await waitUntil(async () => ((await (await fetch(`${env.server.url}/api/rooms/${room.roomId}`)).json()) as { notes: number }).notes === NOTES.length, 'the notes stored');
    writer.destroy();

    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);
    // A phase change saves a version, so the history has one to show.
    await advanceToPhase(facilitator, 'scenarios');
    const found: string[] = [];
    for (const lng of ['en', 'it'] as const) {
      const s = STRINGS[lng];
      await useLanguage(facilitator, lng);

      await facilitator.getByRole('button', { name: s.import.open }).click();
      const dialog = facilitator.getByRole('dialog', { name: s.import.title });
      await dialog.getByLabel(s.import.pasteLabel).fill(`Una pista ciclabile lungo il fiume\n${'x'.repeat(2001)}\nUn mercato contadino`);
      await dialog.locator('.import-row-bad[data-import-line="2"]').waitFor();
      found.push(...(await auditPage(facilitator, `import dialog with a bad line [${lng}]`)));
      await facilitator.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await facilitator.getByRole('button', { name: s.history.versions.open }).click();
      const versions = facilitator.getByRole('dialog', { name: s.history.versions.title });
      await versions.getByRole('button', { name: new RegExp(`^${s.history.versions.preview}`) }).first().waitFor();
      found.push(...(await auditPage(facilitator, `version history [${lng}]`)));
      await facilitator.keyboard.press('Escape');
      await versions.waitFor({ state: 'detached' });

      await facilitator.getByRole('button', { name: s.suggest.run }).click();
      await facilitator.locator('[data-suggest-group]').first().waitFor();
      found.push(...(await auditPage(facilitator, `suggested scenarios [${lng}]`)));
    }
    if (found.length > 0) console.log(found.join('\n'));
    expect(found).toEqual([]);
  }, 120_000);
});
