/** What people see when storage fails, and when the facilitator deletes the workshop. */
import { describe, it } from 'vitest';
import { createRoom } from '../helpers/server';
import { allowWrites, failWrites } from '../helpers/faults';
import { addNote, openLink, useBrowserAndServer, waitForNoteText } from '../helpers/browser';

const env = useBrowserAndServer();

describe('storage in the browser', () => {
  it('says "Not saved" while the server cannot store a change, and clears it once stored', async () => {
    const room = await createRoom(env.server, 'Salvataggio');
    const page = await openLink(await env.desktop({ identity: { name: 'Fede', sector: 'public' } }), room.links.facilitator);
    const notSaved = page.locator('[data-saved="false"]');
    failWrites(env.server);
    try {
      await addNote(page, 'tenuta dal server');
      await notSaved.getByText('Not saved yet').waitFor();
    } finally {
      allowWrites(env.server);
    }
    await notSaved.waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('lets the facilitator delete the workshop after a confirmation naming it; everyone is told, and the link is gone', async () => {
    const room = await createRoom(env.server, 'Contratto di lago');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Fede', sector: 'public' } }), room.links.facilitator);
    const participant = await openLink(await env.desktop({ identity: { name: 'Pia', sector: 'civil' } }), room.links.participant);
    await addNote(facilitator, 'da cancellare');
    await waitForNoteText(participant, 'da cancellare');

    await facilitator.getByRole('button', { name: 'Board settings' }).click();
    const settings = facilitator.getByRole('dialog', { name: 'Board settings' });
    await settings.getByRole('button', { name: 'Delete workshop…' }).click();
    await settings.getByText('Delete “Contratto di lago” for good?').waitFor();
    // Changing one's mind leaves everything as it was.
    await settings.getByRole('button', { name: 'Keep it' }).click();
    await settings.getByRole('button', { name: 'Delete workshop…' }).click();
    await settings.getByRole('button', { name: 'Delete for good' }).click();

    for (const page of [facilitator, participant]) await page.getByRole('heading', { name: 'This workshop was deleted' }).waitFor();
    await participant.reload();
    await participant.getByRole('heading', { name: 'Workshop not found' }).waitFor();
  });
});
