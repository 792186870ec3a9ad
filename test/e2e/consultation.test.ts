/**
 * A consultation between meetings through the real UI: the facilitator opens
 * it, a remote participant on a phone in Italian adds a note and votes, the
 * facilitator closes it; coming back a day later, the participant is caught
 * up first.
 */
import { describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server';
import { addNote, openLink, useBrowserAndServer } from '../helpers/browser';
import { auditPage } from '../helpers/axe';

const env = useBrowserAndServer();
const DAY = 24 * 3600_000;

describe('consultation windows in the browser', () => {
  it('lets a remote participant on a phone take part in Italian until the facilitator closes it, then catches them up after a day away', async () => {
    const room = await createRoom(env.server, 'Contratto di fiume Olona');
    const f = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    const facilitator = await openLink(f, room.links.facilitator);
    const flood = await addNote(facilitator, 'Mappa del rischio alluvioni');

    // The facilitation panel is open beside the board on a laptop.
    const panel = facilitator.locator('section[aria-labelledby="consultation-title"]');
    await panel.getByLabel('vote (a secret round)').check();
    await panel.getByLabel('Question for participants (optional)').fill('Cosa manca al piano?');
    await panel.getByLabel('revealed automatically at the deadline').check();
    await panel.getByRole('button', { name: 'Open consultation' }).click();
    await panel.locator('[data-open-window]').waitFor();
    await facilitator.locator('.banner-consultation').getByText('Cosa manca al piano?').waitFor();

    // Carlo joins from home on his phone, in Italian, while the consultation is open.
    const c = await env.phone({ locale: 'it-IT', identity: { name: 'Carlo Neri', sector: 'civil', where: 'remote' }, viewMode: 'simple' });
    const carlo = await openLink(c, room.links.participant);
    // Arriving between meetings, he is shown where the workshop stands first.
    const firstLook = carlo.getByRole('dialog', { name: 'A che punto è il laboratorio' });
    await firstLook.waitFor();
    await firstLook.locator('[data-catch-up-window]').getByText('Cosa manca al piano?').waitFor();
    expect(await auditPage(carlo, 'catch-up on a phone')).toEqual([]);
    await firstLook.getByRole('button', { name: 'Vai alla bacheca' }).click();
    await firstLook.waitFor({ state: 'detached' });

    const banner = carlo.locator('.banner-consultation');
    await banner.getByText(/Consultazione aperta fino a .+, chiude tra 7 giorni/).waitFor();
    await carlo.getByLabel('Scrivi una nota').fill('Piste ciclabili sicure');
    await carlo.getByRole('button', { name: 'Aggiungi nota' }).click();
    const mine = carlo.locator('li[data-note-id]', { hasText: 'Piste ciclabili sicure' });
    await mine.locator('.origin-badge', { hasText: 'Consultazione' }).waitFor();
    const floodRow = carlo.locator(`li[data-note-id="${flood}"]`);
    await floodRow.getByRole('button', { name: 'Aggiungi punto' }).click();
    await floodRow.locator('[data-my-dots="1"]').waitFor();
    expect(await auditPage(carlo, 'consultation banner and badge on a phone')).toEqual([]);

    // The facilitator sees the note marked as the consultation's and counted apart.
    const carloNote = facilitator.locator('[data-note-id]', { has: facilitator.locator('.origin-badge') });
    await carloNote.waitFor();
    await facilitator.locator('.balance-origin[data-consultation="1"]').waitFor();
    expect(await facilitator.locator(`[data-note-id="${flood}"] .origin-badge`).count()).toBe(0);

    await panel.getByRole('button', { name: 'Close now' }).click();
    await carlo.locator('[data-meeting-closed]').getByText("L'incontro è chiuso", { exact: false }).waitFor();
    await panel.getByText('1 consultation closed so far').waitFor();
    expect(await auditPage(facilitator, 'facilitator after a consultation')).toEqual([]);

    // A day later: the stored last visit is set back a day before the board opens again.
    await carlo.close();
    await c.addInitScript(
      ([key, at]) => window.localStorage.setItem(key, at),
      [`tavolo.lastVisit.${room.roomId}`, String(Date.now() - DAY)] as const,
    );
    const back = await openLink(c, room.links.participant);
    const catchUp = back.getByRole('dialog', { name: 'A che punto è il laboratorio' });
    await catchUp.waitFor();
    await catchUp.getByText('Dalla tua ultima visita', { exact: false }).waitFor();
    await catchUp.locator('[data-new-notes="2"]').getByText('2 nuove note').waitFor();
    await catchUp.getByText('Fase attuale: Ascolto').waitFor();
    // The round the consultation opened was revealed when it closed.
    await catchUp.getByText('Ultimi risultati (turno 1)').waitFor();
    await catchUp.getByText(/Mappa del rischio alluvioni — 1 punto/).waitFor();
    await catchUp.getByRole('button', { name: 'Vai alla bacheca' }).click();
    await catchUp.waitFor({ state: 'detached' });
  });
});
