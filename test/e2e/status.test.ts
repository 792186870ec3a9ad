/**
 * Honest status and messages: the connection state follows the socket back
 * after the network returns, the count of people online is not claimed
 * while offline, a toast shows once for its event, and a correct link
 * pasted over an "invalid link" page is taken at once.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createNote } from '../../shared/notes';
import { setDotsPerPerson, setPhase } from '../../shared/session';
import { createRoom } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openLink, useBrowserAndServer, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();

/** Lets React commit whatever the last event scheduled. */
const settled = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe('the connection status', () => {
  it('goes Offline with the network and back to Synced when it returns; no live head count meanwhile', async () => {
    const room = await createRoom(env.server, 'River contract');
    const fContext = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    const pContext = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
    const [, participant] = await Promise.all([openLink(fContext, room.links.facilitator), openLink(pContext, room.links.participant)]);
    await participant.locator('.presence[data-live="true"]').waitFor();
    await participant.getByRole('button', { name: '2 online' }).waitFor();

    await pContext.setOffline(true);
    await participant.locator('.board-header [data-status="offline"]').waitFor();
    await participant.locator('.presence[data-live="false"]').waitFor();
    expect(await participant.getByRole('button', { name: /online$/ }).count()).toBe(0);
    await participant.getByText('Who is online: not known while offline').waitFor();

    await pContext.setOffline(false);
    await participant.locator('.board-header [data-status="connected"][data-synced="true"]').waitFor({ timeout: 15_000 });
    await participant.getByRole('button', { name: '2 online' }).waitFor();
    expect(await participant.locator('.board-header .status').getAttribute('title')).toBe('Connected · synced');
  });
});

describe('toasts', () => {
  it('shows "no dots left" once, not again on each switch between Board and Simple', async () => {
    const room = await createRoom(env.server, 'River contract');
    const fac = await joinRoom(env.server, room);
    const author = { id: fac.creds.participantId!, name: 'Giulia Rossi', sector: 'public' as const };
    const [a, b] = [createNote(fac.doc, { x: 0, y: 0, text: 'Wetlands', author }), createNote(fac.doc, { x: 260, y: 0, text: 'Cycle path', author })];
    setDotsPerPerson(fac.doc, 1);
    setPhase(fac.doc, 'priorities');
    const context = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
    const page = await openLink(context, room.links.participant);
    await page.locator(`[data-note-id="${a}"]`).getByRole('button', { name: 'Add dot' }).click();
    await page.locator(`[data-note-id="${a}"] [data-my-dots="1"]`).waitFor();
    await page.locator(`[data-note-id="${b}"]`).getByRole('button', { name: 'Add dot' }).click();
    const toast = page.locator('.toast', { hasText: 'you have no dots left' });
    await toast.waitFor();

    for (const view of ['Simple view', 'Board view', 'Simple view', 'Board view']) {
      await page.getByRole('button', { name: view }).click();
      await page.getByRole('button', { name: view, pressed: true }).waitFor();
      await settled(page);
      expect(await toast.count(), `after switching to ${view}`).toBe(0);
    }
    // A new refusal is a new event: it shows.
    await page.locator(`[data-note-id="${b}"]`).getByRole('button', { name: 'Add dot' }).click();
    await toast.waitFor();
    fac.destroy();
  });
});

describe('links', () => {
  it('takes a correct link pasted into a tab that said the link was invalid, without a reload', async () => {
    const room = await createRoom(env.server, 'River contract');
    const context = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/r/${room.roomId}#t=not-the-right-token`);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    // Same page, new fragment: the browser does not load the page again.
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(room.links.participant);
    await waitForSynced(page);
    await page.getByRole('button', { name: 'Add note' }).waitFor();
    expect(loads).toEqual([]);
  });
});
