/**
 * Two participants comment on and react to the facilitator's note, each in
 * their own browser against the real server: each sees the other's comment,
 * reply and reactions (with counts per sector), and still does after a
 * reload. Everything is done with the keyboard-reachable controls by their
 * accessible names.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { auditPage } from '../helpers/axe';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForNoteText, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();

/** Opens the comments of the note whose text is `text` (the note's compact bar) and returns the dialog. */
async function openComments(page: Page, noteId: string) {
  await page.locator(`[data-note-id="${noteId}"] .comments-btn`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

const agreeIn = (page: Page) => page.getByRole('dialog').locator('[data-reaction="agree"]');

describe('comments and reactions on a note', () => {
  // Three browsers and two reloads on a shared two-core machine: more than the default minute.
  it('two participants comment, reply and react, and both see it all, after a reload too', { timeout: 150_000 }, async () => {
    const room = await createRoom(env.server, 'Piazza del mercato');
    const fac = await openLink(await env.desktop({ identity: { name: 'Giulia', sector: 'public' } }), room.links.facilitator);
    const [anna, bruno] = await Promise.all([
      env.desktop({ identity: { name: 'Anna', sector: 'civil' } }).then((c) => openLink(c, room.links.participant)),
      env.desktop({ identity: { name: 'Bruno', sector: 'private' } }).then((c) => openLink(c, room.links.participant)),
    ]);
    const noteId = await addNote(fac, 'Una piazza pedonale');
    for (const p of [anna, bruno]) {
      await p.getByRole('button', { name: 'Fit to content' }).click();
      await waitForNoteText(p, 'Una piazza pedonale');
    }

    // Anna comments and agrees.
    const annaDialog = await openComments(anna, noteId);
    await annaDialog.getByRole('textbox', { name: 'Your comment' }).fill('Con alberi e panchine');
    await annaDialog.getByRole('button', { name: 'Comment', exact: true }).click();
    await agreeIn(anna).click();
    await anna.locator('[data-reaction="agree"][aria-pressed="true"][data-count="1"]').waitFor();

    // Bruno sees it, replies with the keyboard, agrees and asks a question.
    const brunoDialog = await openComments(bruno, noteId);
    await brunoDialog.getByText('Con alberi e panchine').waitFor();
    await brunoDialog.getByRole('button', { name: 'Reply to Anna' }).click();
    await bruno.keyboard.type('E le consegne dei negozi?');
    await bruno.keyboard.press('Control+Enter');
    await agreeIn(bruno).click();
    await brunoDialog.locator('[data-reaction="question"]').press('Enter');
    await bruno.locator('[data-reaction="agree"][data-count="2"][aria-pressed="true"]').waitFor();

    // Anna, dialog still open, sees the reply and the counts per sector.
    await annaDialog.locator('.comment-replies').getByText('E le consegne dei negozi?').waitFor();
    await anna.getByRole('dialog').locator('[data-reaction="agree"][data-count="2"]').waitFor();
    expect(await agreeIn(anna).getAttribute('aria-label')).toBe('Agree: 2. By sector: Private 1 · Civil society 1');
    expect(await auditPage(anna, 'comments dialog [en]')).toEqual([]);
    await annaDialog.getByRole('button', { name: 'Close' }).click();
    await anna.locator(`[data-note-id="${noteId}"] .comments-btn[data-comment-count="2"]`).waitFor();

    // In Italian: the same thread, every control named in Italian, still clean under axe.
    await anna.getByRole('button', { name: /Italiano/ }).click();
    const itDialog = await openComments(anna, noteId);
    await itDialog.getByRole('heading', { name: 'Commenti su «Una piazza pedonale»' }).waitFor();
    await itDialog.getByRole('button', { name: 'Rispondi a Anna' }).waitFor();
    expect(await agreeIn(anna).getAttribute('aria-label')).toBe('D’accordo: 2. Per settore: Privato 1 · Società civile 1');
    expect(await auditPage(anna, 'comments dialog [it]')).toEqual([]);
    await itDialog.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await anna.getByRole('button', { name: /English/ }).click();

    // After a reload, both still see everything, and their own reactions as theirs.
    for (const [page, mine] of [
      [anna, ['agree']],
      [bruno, ['agree', 'question']],
    ] as const) {
      await page.reload();
      await waitForSynced(page);
      await page.getByRole('button', { name: 'Fit to content' }).click();
      await page.locator(`[data-note-id="${noteId}"] .comments-btn[data-comment-count="2"]`).waitFor();
      const dialog = await openComments(page, noteId);
      await dialog.getByText('Con alberi e panchine').waitFor();
      await dialog.locator('.comment-replies').getByText('E le consegne dei negozi?').waitFor();
      const pressed = await dialog.locator('[data-reaction][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reaction')));
      expect(pressed).toEqual(mine);
      expect(await dialog.locator('[data-reaction="agree"]').getAttribute('data-count')).toBe('2');
    }

    // The facilitator's board shows the counts on the note without opening anything.
    await fac.locator(`[data-note-id="${noteId}"] .comments-btn[data-comment-count="2"] [data-reaction="agree"]`).waitFor();
  });

  it('a participant on a phone reacts to and comments on a scenario, and the facilitator sees it on the frame', { timeout: 150_000 }, async () => {
    const room = await createRoom(env.server, 'Lungofiume');
    const fac = await openLink(await env.desktop({ identity: { name: 'Giulia', sector: 'public' } }), room.links.facilitator);
    await fac.getByRole('button', { name: 'New scenario' }).click();
    const frame = fac.locator('[data-scenario-frame]').first();
    await frame.waitFor();
    const scenarioId = (await frame.getAttribute('data-scenario-frame'))!;
    await advanceToPhase(fac, 'priorities');
    const phone = await openLink(await env.phone({ identity: { name: 'Marco', sector: 'civil' }, viewMode: 'simple' }), room.links.participant);

    const row = phone.locator(`[data-scenario-frame="${scenarioId}"]`);
    await row.locator('[data-reaction="important"]').click();
    await row.locator('[data-reaction="important"][aria-pressed="true"][data-count="1"]').waitFor();
    await row.getByRole('button', { name: /^Comments and reactions/ }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Your comment' }).fill('Serve un parcheggio per le bici');
    await dialog.getByRole('button', { name: 'Comment', exact: true }).click();
    await dialog.locator('.comment[data-mine]').getByText('Serve un parcheggio per le bici').waitFor();
    // Edited by its author, the comment says so everywhere.
    await dialog.getByRole('button', { name: 'Edit your comment' }).click();
    await phone.keyboard.press('Control+A');
    await phone.keyboard.type('Serve un parcheggio coperto per le bici');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('edited').waitFor();

    const facButton = fac.locator(`[data-scenario-frame="${scenarioId}"] .comments-btn[data-comment-count="1"]`);
    await facButton.locator('[data-reaction="important"]').waitFor();
    await facButton.click();
    const facDialog = fac.getByRole('dialog');
    await facDialog.getByText('Serve un parcheggio coperto per le bici').waitFor();
    await facDialog.getByText('edited').waitFor();
    // The facilitator may remove any comment; the phone sees it go.
    await facDialog.getByRole('button', { name: 'Delete the comment by Marco' }).click();
    await dialog.getByText('No comments yet.').waitFor();
  });

  it('on a phone outside voting, everyone’s notes are one tap away to comment and react on', { timeout: 150_000 }, async () => {
    const room = await createRoom(env.server, 'Consultazione');
    const fac = await openLink(await env.desktop({ identity: { name: 'Giulia', sector: 'public' } }), room.links.facilitator);
    const noteId = await addNote(fac, 'Orari di apertura più lunghi');
    const phone = await openLink(await env.phone({ identity: { name: 'Marco', sector: 'civil' }, viewMode: 'simple' }), room.links.participant);
    await phone.getByText('Everyone’s notes and scenarios').click();
    const row = phone.locator(`.phone-item[data-note-id="${noteId}"]`);
    await row.getByText('Orari di apertura più lunghi').waitFor();
    await row.locator('[data-reaction="agree"]').click();
    await row.getByRole('button', { name: /^Comments and reactions/ }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Your comment' }).fill('Anche la domenica');
    await dialog.getByRole('button', { name: 'Comment', exact: true }).click();
    await fac.locator(`[data-note-id="${noteId}"] .comments-btn[data-comment-count="1"] [data-reaction="agree"]`).waitFor();
  });
});
