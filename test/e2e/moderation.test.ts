/**
 * Pre-moderation through the real UI: a facilitator turns it on, a
 * participant's note waits for approval (seen by its author only, marked as
 * waiting), the facilitator approves it from the moderation queue with the
 * keyboard, and it appears for everyone. An Italian-speaking facilitator
 * sees a flagged note, hides it from the note menu and restores it. During a
 * consultation a participant's comment waits the same way, and reaches the
 * other participant with its consultation badge once approved.
 */
import { describe, expect, it } from 'vitest';
import { readSession } from '../../shared/schema';
import { createRoom } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';
import { auditPage } from '../helpers/axe';
import { addNote, advanceToPhase, countNotesWithText, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();
const E2E_TIMEOUT_MS = 90_000;

describe('pre-moderation', () => {
  it('shows a participant note to others only once the facilitator approves it in the queue', async () => {
    const room = await createRoom(env.server, 'Consultazione aperta');
    const [f, a, c] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
      env.desktop({ identity: { name: 'Carlo Neri', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const [anna, carlo] = await Promise.all([openLink(a, room.links.participant), openLink(c, room.links.participant)]);
    // Past Listening, so notes are not private drafts.
    await advanceToPhase(facilitator, 'discussion');
    await facilitator.getByLabel('Pre-moderation: new notes from participants wait for approval').check();
    await anna.getByText('Pre-moderation is on', { exact: false }).waitFor();

    const TEXT = 'Una pista ciclabile lungo il fiume';
    const id = await addNote(anna, TEXT);
    const mine = anna.locator(`[data-note-id="${id}"]`);
    await anna.locator(`[data-note-id="${id}"][data-pending]`).waitFor();
    await mine.getByText('Waiting for approval').first().waitFor();

    await facilitator.getByRole('button', { name: 'Open the moderation queue' }).click();
    const queue = facilitator.getByRole('dialog', { name: 'Moderation' });
    const item = queue.locator(`[data-moderation-id="${id}"]`);
    await item.getByText(TEXT).waitFor();
    expect(await item.getByText('Anna Verdi').count()).toBe(1);
    // Nobody but its author has it yet.
    expect(await countNotesWithText(carlo, TEXT)).toBe(0);
    expect(await countNotesWithText(facilitator, TEXT)).toBe(0);

    // By keyboard: focus the button and press Enter.
    await item.getByRole('button', { name: 'Approve: Note by Anna Verdi' }).focus();
    await facilitator.keyboard.press('Enter');
    await queue.getByText('Nothing is waiting for approval.').waitFor();
    await facilitator.keyboard.press('Escape');

    for (const page of [carlo, facilitator, anna]) await waitForNoteText(page, TEXT);
    await anna.getByText('Your note was approved', { exact: false }).waitFor();
    expect(await anna.locator(`[data-note-id="${id}"][data-pending]`).count()).toBe(0);
  }, E2E_TIMEOUT_MS);
});

describe('hiding a note', () => {
  it('flags a note for an Italian facilitator, who hides it from everyone and restores it from the queue', async () => {
    const room = await createRoom(env.server, 'Consultazione aperta');
    const [f, a] = await Promise.all([
      env.desktop({ locale: 'it-IT', identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const anna = await openLink(a, room.links.participant);
    await facilitator.getByRole('button', { name: /^Fase successiva/ }).click();
    await facilitator.locator('[data-phase-step="discussion"][aria-current="step"]').first().waitFor();

    const TEXT = 'Che stronzata di piano';
    const id = await addNote(anna, TEXT);
    const card = facilitator.locator(`[data-note-id="${id}"]`);
    await card.getByText('Segnalata per la revisione').waitFor();
    expect(await anna.locator(`[data-note-id="${id}"] [data-flagged]`).count()).toBe(0);

    await card.locator('.note-menu-btn').click();
    await card.getByRole('button', { name: 'Nascondi' }).click();
    await waitUntil(async () => (await countNotesWithText(anna, TEXT)) === 0, 'the note to leave the participant board');
    expect(await anna.evaluate((t) => document.body.innerText.includes(t), TEXT)).toBe(false);

    await facilitator.getByRole('button', { name: 'Apri la coda di moderazione' }).click();
    const queue = facilitator.getByRole('dialog', { name: 'Moderazione' });
    await queue.locator(`#moderation-hidden ~ ul [data-moderation-id="${id}"]`).getByText(TEXT).waitFor();
    expect(await auditPage(facilitator, 'moderation queue')).toEqual([]);
    await queue.getByRole('button', { name: 'Ripristina: Nota di Anna Verdi' }).focus();
    await facilitator.keyboard.press('Enter');
    await queue.getByText('Nulla è nascosto.').waitFor();
    await waitForNoteText(anna, TEXT);
  }, E2E_TIMEOUT_MS);
});

describe('pre-moderation of comments', () => {
  it('shows a participant comment written in a consultation to the others only once approved, with its consultation badge', async () => {
    const room = await createRoom(env.server, 'Consultazione aperta');
    const [f, a, c] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }),
      env.desktop({ identity: { name: 'Carlo Neri', sector: 'private' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    const [anna, carlo] = await Promise.all([openLink(a, room.links.participant), openLink(c, room.links.participant)]);
    const noteId = await addNote(facilitator, 'Una piazza pedonale');
    for (const p of [anna, carlo]) {
      await p.getByRole('button', { name: 'Fit to content' }).click();
      await waitForNoteText(p, 'Una piazza pedonale');
    }
    // A window opening comments, opened as the facilitator's panel does (consultationPath.test.ts drives the form itself).
    const admin = await joinRoom(env.server, room);
    await admin.control({ t: 'openConsultation', opens: { notes: true, comments: true, reactions: true, voting: false }, prompt: '', deadline: Date.now() + 3_600_000, autoReveal: false });
    await waitFor(() => readSession(admin.doc).consultation, { message: 'the window open' });
    admin.destroy();
    await facilitator.getByLabel('Pre-moderation: new notes from participants wait for approval').check();
    await anna.getByText('Pre-moderation is on', { exact: false }).waitFor();

    const TEXT = 'Con alberi e panchine, per favore';
    await anna.locator(`[data-note-id="${noteId}"] .comments-btn`).click();
    const annaDialog = anna.getByRole('dialog');
    await annaDialog.getByRole('textbox', { name: 'Your comment' }).fill(TEXT);
    await annaDialog.getByRole('button', { name: 'Comment', exact: true }).click();
    // Anna sees it waiting; the queue has it; Carlo does not.
    const waiting = annaDialog.locator('.comment[data-pending]', { hasText: TEXT });
    await waiting.getByText('Waiting for approval').waitFor();
    await facilitator.getByRole('button', { name: 'Open the moderation queue' }).click();
    const queue = facilitator.getByRole('dialog', { name: 'Moderation' });
    const item = queue.locator('[data-moderation-kind="comment"]', { hasText: TEXT });
    await item.getByText('Anna Verdi').waitFor();
    await carlo.locator(`[data-note-id="${noteId}"] .comments-btn`).click();
    const carloDialog = carlo.getByRole('dialog');
    await carloDialog.getByText('No comments yet.').waitFor();
    expect(await carlo.evaluate((t) => document.body.innerText.includes(t), TEXT)).toBe(false);

    await item.getByRole('button', { name: 'Approve: Comment by Anna Verdi' }).click();
    await queue.getByText('Nothing is waiting for approval.').waitFor();
    const shown = carloDialog.locator('.comment', { hasText: TEXT });
    await shown.locator('.origin-badge').getByText('Consultation').waitFor();
    await anna.getByText('Your comment was approved', { exact: false }).waitFor();
    await annaDialog.locator('.comment[data-mine]', { hasText: TEXT }).locator('.origin-badge').waitFor();
    expect(await annaDialog.locator('.comment[data-pending]').count()).toBe(0);
  }, E2E_TIMEOUT_MS);
});
