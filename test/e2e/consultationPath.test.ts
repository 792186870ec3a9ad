/**
 * The whole way from one meeting to the next through a consultation, in one
 * room, through the real UI against the real server: the facilitator
 * (Giulia, laptop) closes the meeting, opens a one-week consultation with
 * new notes, comments and a secret voting round, and turns on
 * pre-moderation; Carlo, remote on a phone in Italian, adds a note (it
 * waits, Anna does not see it), comments on a note and places dots; Giulia
 * approves his note, extends the deadline, closes the consultation early
 * (the round is revealed) and starts the next meeting, where Giulia, Anna
 * (laptop) and Carlo all find the consultation's note marked as such, the
 * comment, and the results with the consultation's voter counted.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';
import { placeDots } from '../helpers/voting';

const env = useBrowserAndServer();
const DAY = 24 * 3600_000;
// Three browsers on a shared two-core machine, and some twenty steps.
const PATH_TIMEOUT_MS = 300_000;

const FLOOD = 'Mappa del rischio alluvioni';
const PROMPT = 'Cosa manca al piano?';
const CARLO_NOTE = 'Piste ciclabili sicure';
const CARLO_COMMENT = 'Manca la zona industriale a valle';

/** The deadline a page's open window shows, as this page's language and time zone write its date. */
const dateAsShown = (page: Page, at: number): Promise<string> =>
  page.evaluate((ms) => new Intl.DateTimeFormat(document.documentElement.lang || navigator.language, { dateStyle: 'full' }).format(new Date(ms)), at);

/** Opens the comments dialog of a note (board card or phone row alike) and returns it. */
async function openComments(page: Page, noteId: string) {
  await page.locator(`[data-note-id="${noteId}"] .comments-btn`).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/** Opens a side panel from its toolbar or header button, unless it is open already. */
async function showPanel(page: Page, name: 'Results' | 'Facilitation'): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.locator(`${name === 'Results' ? 'aside.results' : 'section[aria-labelledby="consultation-title"]'}`).waitFor();
}

describe('from one meeting to the next through a consultation', () => {
  it('closes the meeting, runs a moderated one-week consultation with voting, and opens the next meeting with its notes, comment and results marked', { timeout: PATH_TIMEOUT_MS }, async () => {
    const room = await createRoom(env.server, 'Contratto di fiume Olona');
    const [f, a] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const anna = await openLink(a, room.links.participant);
    const panel = facilitator.locator('section[aria-labelledby="consultation-title"]');

    // The first meeting: a note, then Priorities, where Anna votes in the room.
    const flood = await addNote(facilitator, FLOOD);
    await advanceToPhase(facilitator, 'priorities');
    await anna.getByRole('button', { name: 'Fit to content' }).click();
    await waitForNoteText(anna, FLOOD);
    await placeDots(anna, flood, 1);
    const annaFlood = anna.locator(`[data-note-id="${flood}"]`);

    // 1. Giulia closes the meeting with the panel's button: Anna can no longer vote, and is told why.
    await panel.getByText('The meeting is live.').waitFor();
    await panel.getByRole('button', { name: 'Close the meeting' }).click();
    await panel.getByText('The meeting is closed.').waitFor();
    await panel.getByRole('button', { name: 'Start the meeting' }).waitFor();
    await anna.locator('[data-meeting-closed]').getByText('The meeting is closed', { exact: false }).waitFor();
    // She has been here all along: no catch-up comes up over her board (it is for those who arrive between meetings).
    expect(await anna.locator('.catch-up-dialog').count()).toBe(0);
    await waitUntil(async () => (await annaFlood.getByRole('button', { name: 'Add dot' }).count()) === 0, 'Anna’s dot buttons to go with the meeting');

    // 2. A one-week consultation through the form: notes, comments and a secret round, with a question, revealed at the deadline.
    const form = panel.locator('[data-consultation-form]');
    const weekAway = await form.getByLabel('Deadline').inputValue();
    expect(Date.parse(weekAway) - Date.now()).toBeGreaterThan(7 * DAY - 3600_000);
    expect(await form.getByLabel('add notes').isChecked()).toBe(true);
    expect(await form.getByLabel('comment', { exact: true }).isChecked()).toBe(true);
    await form.getByLabel('vote (a secret round)').check();
    await form.getByLabel('Question for participants (optional)').fill(PROMPT);
    await form.getByLabel('revealed automatically at the deadline').check();
    await form.getByRole('button', { name: 'Open consultation' }).click();
    const openWindow = panel.locator('[data-open-window]');
    await openWindow.getByText('(in 7 days)', { exact: false }).waitFor();
    const annaBanner = anna.locator('.banner-consultation');
    await annaBanner.getByText(/Consultation open until .+, closes in 7 days\./).waitFor();
    await annaBanner.getByText(PROMPT).waitFor();
    // The window opens notes and voting to Anna again.
    await anna.getByRole('button', { name: 'Add note' }).waitFor();
    await annaFlood.getByRole('button', { name: 'Add dot' }).waitFor();

    // 3. Pre-moderation on.
    await facilitator.getByLabel('Pre-moderation: new notes from participants wait for approval').check();
    await anna.getByText('Pre-moderation is on', { exact: false }).waitFor();

    // 4. Carlo joins from home on his phone, in Italian: caught up first, then the consultation's banner.
    const c = await env.phone({ locale: 'it-IT', identity: { name: 'Carlo Neri', sector: 'civil', where: 'remote' }, viewMode: 'simple' });
    const carlo = await openLink(c, room.links.participant);
    const firstLook = carlo.getByRole('dialog', { name: 'A che punto è il laboratorio' });
    await firstLook.locator('[data-catch-up-window]').getByText(PROMPT, { exact: false }).waitFor();
    await firstLook.getByRole('button', { name: 'Vai alla bacheca' }).click();
    await firstLook.waitFor({ state: 'detached' });
    const carloBanner = carlo.locator('.banner-consultation');
    await carloBanner.getByText(/Consultazione aperta fino a .+, chiude tra 7 giorni\./).waitFor();
    await carlo.getByText('La pre-moderazione è attiva', { exact: false }).waitFor();

    // His note waits for approval: he sees it waiting, the queue has it, Anna does not.
    await carlo.getByLabel('Scrivi una nota').fill(CARLO_NOTE);
    await carlo.getByRole('button', { name: 'Aggiungi nota' }).click();
    const carloMine = carlo.locator('[data-note-id]', { hasText: CARLO_NOTE });
    await carloMine.locator('[data-pending]').getByText('In attesa di approvazione').waitFor();
    await facilitator.getByRole('button', { name: 'Open the moderation queue' }).click();
    const queue = facilitator.getByRole('dialog', { name: 'Moderation' });
    const queued = queue.locator('[data-moderation-id]', { hasText: CARLO_NOTE });
    await queued.waitFor();
    const carloNoteId = (await queued.getAttribute('data-moderation-id')) ?? '';
    expect(carloNoteId).not.toBe('');
    expect(await queued.getByText('Carlo Neri').count()).toBe(1);
    expect(await countNotesWithText(anna, CARLO_NOTE)).toBe(0);
    expect(await anna.locator(`[data-note-id="${carloNoteId}"]`).count()).toBe(0);

    // He comments on the room's note and places two dots on it.
    const carloFlood = carlo.locator(`.phone-item[data-note-id="${flood}"]`);
    await carloFlood.getByRole('button', { name: /^Commenti e reazioni/ }).click();
    const carloDialog = carlo.getByRole('dialog');
    await carloDialog.getByRole('textbox', { name: 'Il tuo commento' }).fill(CARLO_COMMENT);
    await carloDialog.getByRole('button', { name: 'Commenta', exact: true }).click();
    // Under pre-moderation it waits for approval too, listed to him alone.
    await carloDialog.locator('.comment[data-pending]').getByText(CARLO_COMMENT).waitFor();
    await carloDialog.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await carloDialog.waitFor({ state: 'detached' });
    await carloFlood.getByRole('button', { name: 'Aggiungi punto' }).click();
    await carloFlood.locator('[data-my-dots="1"]').waitFor();
    await carloFlood.getByRole('button', { name: 'Aggiungi punto' }).click();
    await carloFlood.locator('[data-my-dots="2"]').waitFor();
    // Anna does not have his comment: it waits for approval.
    expect(await anna.locator(`[data-note-id="${flood}"] .comments-btn[data-comment-count="1"]`).count()).toBe(0);

    // 5. Giulia approves it from the queue: everyone has it, with the consultation's badge.
    // The comment first: the note's approval is the last toast Carlo gets.
    await queue.locator('[data-moderation-kind="comment"]', { hasText: CARLO_COMMENT }).getByRole('button', { name: 'Approve: Comment by Carlo Neri' }).click();
    await carlo.getByText('Il tuo commento è stato approvato', { exact: false }).waitFor();
    await queued.getByRole('button', { name: 'Approve: Note by Carlo Neri' }).click();
    await queue.getByText('Nothing is waiting for approval.').waitFor();
    // Anna sees the comment on the note while the consultation is open.
    await anna.locator(`[data-note-id="${flood}"] .comments-btn[data-comment-count="1"]`).waitFor();
    await queue.getByRole('button', { name: 'Close' }).click();
    await carlo.getByText('La tua nota è stata approvata', { exact: false }).waitFor();
    // The board mounts only the cards in view: the laptops fit the board to see the new note, as a person would.
    for (const page of [anna, facilitator]) await page.getByRole('button', { name: 'Fit to content' }).click();
    await anna.locator(`[data-note-id="${carloNoteId}"] .origin-badge`).getByText('Consultation').waitFor();
    await facilitator.locator(`[data-note-id="${carloNoteId}"] .origin-badge`).getByText('Consultation').waitFor();
    await carlo.locator(`.phone-item[data-note-id="${carloNoteId}"] .origin-badge`).getByText('Consultazione').waitFor();
    expect(await anna.locator(`[data-note-id="${flood}"] .origin-badge`).count()).toBe(0);

    // 6. Giulia extends the deadline by three days through the extend form; every banner shows the new one.
    const extendField = openWindow.getByLabel('New deadline');
    const tenDaysAway = await extendField.evaluate((input: HTMLInputElement) => {
      // The field starts a day after the deadline; two more days on the same wall-clock time.
      const d = new Date(input.value);
      d.setDate(d.getDate() + 2);
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await extendField.fill(tenDaysAway);
    await openWindow.getByRole('button', { name: 'Extend' }).click();
    await openWindow.getByText('(in 10 days)', { exact: false }).waitFor();
    const newDeadline = Date.parse(tenDaysAway);
    await annaBanner.getByText(/closes in 10 days\./).waitFor();
    expect(await annaBanner.innerText()).toContain(await dateAsShown(anna, newDeadline));
    await carloBanner.getByText(/chiude tra 10 giorni\./).waitFor();
    expect(await carloBanner.innerText()).toContain(await dateAsShown(carlo, newDeadline));

    // 7. Giulia closes it early; the round is revealed, and nobody can add a note any more: the UI says it is closed.
    await expect(carlo.getByLabel('Scrivi una nota').count()).resolves.toBe(1);
    await panel.getByRole('button', { name: 'Close now' }).click();
    // The revealed round comes forward on the laptops (in place of Giulia's panel, which she opens again).
    for (const page of [facilitator, anna]) {
      await page.locator('.results .results-view[data-round="1"]').locator(`[data-item-id="${flood}"][data-dots="3"]`).waitFor();
    }
    await showPanel(facilitator, 'Facilitation');
    await panel.getByText('1 consultation closed so far').waitFor();
    await panel.getByText('The meeting is closed.').waitFor();
    await carlo.locator('[data-meeting-closed]').getByText("L'incontro è chiuso", { exact: false }).waitFor();
    await anna.locator('[data-meeting-closed]').getByText('The meeting is closed', { exact: false }).waitFor();
    await waitUntil(async () => (await anna.getByRole('button', { name: 'Add note' }).count()) === 0, 'Anna’s Add note to go when the consultation closes');
    await waitUntil(async () => (await carlo.getByLabel('Scrivi una nota').count()) === 0, 'Carlo’s note box to go when the consultation closes');
    expect(await carlo.locator('.banner-consultation').count()).toBe(0);
    expect(await carloFlood.getByRole('button', { name: 'Aggiungi punto' }).count()).toBe(0);

    // 8. Giulia starts the next meeting with the button.
    await panel.getByRole('button', { name: 'Start the meeting' }).click();
    await panel.getByText('The meeting is live.').waitFor();
    await waitUntil(async () => (await anna.locator('[data-meeting-closed]').count()) === 0, 'Anna’s closed banner to go when the meeting starts');

    // Everyone finds the consultation's note marked as such, and the room's note not.
    for (const page of [anna, facilitator]) await page.getByRole('button', { name: 'Fit to content' }).click();
    for (const [page, badge] of [
      [facilitator, 'Consultation'],
      [anna, 'Consultation'],
      [carlo, 'Consultazione'],
    ] as const) {
      await page.locator(`[data-note-id="${carloNoteId}"] .origin-badge`).getByText(badge).waitFor();
      expect(await page.locator(`[data-note-id="${flood}"] .origin-badge`).count()).toBe(0);
    }
    // Participation counts the stakeholders' notes by origin (the facilitator's note is in no sector).
    await facilitator.locator('.balance-origin[data-meeting="0"][data-consultation="1"]').getByText('In consultations: 1', { exact: false }).waitFor();

    // The comment, on the note it was written on.
    for (const page of [facilitator, anna, carlo]) {
      const dialog = await openComments(page, flood);
      await dialog.getByText(CARLO_COMMENT).waitFor();
      await dialog.getByText('Carlo Neri', { exact: false }).first().waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }

    // The revealed round: Anna's dot from the room and Carlo's two from home, with the voters by origin.
    for (const page of [facilitator, anna]) {
      await showPanel(page, 'Results');
      const results = page.locator('.results .results-view');
      await results.locator(`[data-item-id="${flood}"][data-dots="3"]`).waitFor();
      await results.locator('.results-origin[data-meeting="1"][data-consultation="1"]').getByText('Voters in the meeting: 1 · during the consultation: 1').waitFor();
    }
    const phoneResults = carlo.locator('.phone-results');
    await phoneResults.locator(`[data-item-id="${flood}"][data-dots="3"]`).waitFor();
    await phoneResults.locator('.results-origin').getByText('Votanti in incontro: 1 · durante la consultazione: 1').waitFor();
  });
});
