/**
 * A participant's control of their data, through the real UI: from their
 * details dialog they download their contributions and delete them with
 * the keyboard, while another participant watches their note disappear;
 * their device keeps no copy afterwards. The privacy page reads in both
 * languages, is linked from the home page, and passes the audit.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditPage } from '../helpers/axe';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

/** Every byte this page's browser keeps for the board in IndexedDB (y-indexeddb's update log), as text. */
const deviceCopy = (page: Page, roomId: string): Promise<string> =>
  page.evaluate(
    (name) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error('cannot open'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('updates')) return resolve('');
          const all = db.transaction('updates').objectStore('updates').getAll();
          all.onsuccess = () => {
            resolve((all.result as Uint8Array[]).map((u) => new TextDecoder('utf-8', { fatal: false }).decode(u)).join('\n'));
            db.close();
          };
        };
      }),
    `tavolo-${roomId}`,
  );

/** Adds a note and enters its text in one input (as a paste would), so the device stores it as one string. */
async function addNoteAtOnce(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('[data-note-id]:has(textarea:focus)').waitFor();
  await page.keyboard.insertText(text);
}

describe("a participant's own contributions", () => {
  it('are downloaded and deleted from their details, and disappear for everyone watching', async () => {
    const room = await createRoom(env.server, 'Contratto di fiume');
    const [f, a, b] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Ada Verdi', sector: 'civil' }, viewMode: 'board' }),
      env.desktop({ identity: { name: 'Bo Neri', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const ada = await openLink(a, room.links.participant);
    const bo = await openLink(b, room.links.participant);
    await advanceToPhase(facilitator, 'discussion');
    for (const p of [ada, bo]) await p.locator('[data-phase-step="discussion"][aria-current="step"]').waitFor();
    await addNoteAtOnce(ada, 'Piste ciclabili lungo il fiume');
    await addNote(bo, 'Mercato del sabato');
    await waitForNoteText(bo, 'Piste ciclabili lungo il fiume');
    await waitForNoteText(ada, 'Mercato del sabato');
    await waitUntil(async () => (await deviceCopy(ada, room.roomId)).includes('Piste ciclabili lungo il fiume'), "Ada's device copy holds her note");

    // Her details: the download holds her note, and only hers.
    await ada.getByRole('button', { name: /Ada Verdi.*change name or sector/ }).click();
    const details = ada.getByRole('dialog', { name: 'Your details' });
    const mine = details.getByRole('region', { name: 'Your contributions' });
    await expect.poll(() => mine.getByRole('link', { name: 'How your data is handled' }).getAttribute('href')).toBe('/privacy');
    const [download] = await Promise.all([ada.waitForEvent('download'), mine.getByRole('button', { name: 'Download my contributions' }).click()]);
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { board: { notes: { text: string }[] } };
    expect(file.board.notes.map((n) => n.text)).toEqual(['Piste ciclabili lungo il fiume']);

    // Deleting asks first, saying what goes and what stays; the keyboard alone confirms.
    await mine.getByRole('button', { name: 'Delete my contributions…' }).click();
    const confirm = mine.getByRole('group', { name: 'Delete your contributions?' });
    await expect.poll(() => confirm.textContent()).toMatch(/your notes \(private ones too\).*Kept: results already revealed/s);
    await expect.poll(() => ada.evaluate(() => document.activeElement?.textContent)).toBe('Keep them');
    expect(await auditPage(ada, 'deletion confirmation')).toEqual([]);
    await ada.keyboard.press('Tab');
    await expect.poll(() => ada.evaluate(() => document.activeElement?.textContent)).toBe('Delete for good');
    await ada.keyboard.press('Enter');
    await mine.getByRole('status').getByText('Deleted: 1 contribution.', { exact: false }).waitFor();

    // Bo and the facilitator watch it go; Bo's note stays.
    for (const p of [bo, facilitator]) {
      await waitUntil(async () => (await countNotesWithText(p, 'Piste ciclabili lungo il fiume')) === 0, 'her note gone');
      expect(await countNotesWithText(p, 'Mercato del sabato')).toBe(1);
    }

    // Her page reloads from the server: her device keeps no copy of it.
    await mine.getByRole('button', { name: 'Reload now' }).click();
    await waitForSynced(ada);
    await waitForNoteText(ada, 'Mercato del sabato');
    expect(await countNotesWithText(ada, 'Piste ciclabili lungo il fiume')).toBe(0);
    expect(await deviceCopy(ada, room.roomId)).not.toContain('Piste ciclabili lungo il fiume');
  });
});

describe('the privacy page', () => {
  it('is linked from the home page and reads in English and Italian without audit violations', async () => {
    for (const [locale, title, link] of [
      ['en-GB', 'Your data in Tavolo', 'Your data and privacy'],
      ['it-IT', 'I tuoi dati in Tavolo', 'I tuoi dati e la privacy'],
    ] as const) {
      const page = await (await env.desktop({ locale })).newPage();
      await page.goto(env.server.url);
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(page.url()).toBe(`${env.server.url}/privacy`);
      expect(await page.locator('[data-privacy-section]').count()).toBe(5);
      expect(await auditPage(page, `privacy ${locale}`)).toEqual([]);
    }
  });
});
