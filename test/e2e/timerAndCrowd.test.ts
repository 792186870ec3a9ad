/**
 * The shared timer running out on every screen, and a room growing past the
 * facilitator's crowd threshold.
 */
import { describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server';
import { openLink, useBrowserAndServer, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

describe('the facilitator\'s timer', () => {
  it('reaches zero and tells every screen "Time\'s up", in each one\'s language', async () => {
    const room = await createRoom(env.server, 'River contract');
    const [f, p, ph, o] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' }, viewMode: 'board' }),
      env.phone({ locale: 'it-IT', identity: { name: 'Chiara Neri', sector: 'private', where: 'room' } }),
      env.desktop(),
    ]);
    const [facilitator, participant, phone, projector] = await Promise.all([
      openLink(f, room.links.facilitator),
      openLink(p, room.links.participant),
      openLink(ph, room.links.participant),
      openLink(o, `${room.links.observer}&join=${room.tokens.participant}`),
    ]);

    await facilitator.getByLabel('Minutes').fill('0');
    await facilitator.getByLabel('Seconds').fill('2');
    await facilitator.getByRole('button', { name: 'Start' }).click();
    for (const page of [facilitator, participant, phone, projector]) await page.locator('[data-timer-state="running"]').first().waitFor();

    for (const page of [facilitator, participant, projector]) {
      await page.locator('[data-timer-state="done"]').first().waitFor({ timeout: 10_000 });
      await page.getByRole('status').filter({ hasText: "Time's up" }).first().waitFor();
      expect(await page.getByRole('timer').first().textContent()).toBe('0:00');
    }
    await phone.locator('[data-timer-state="done"]').first().waitFor({ timeout: 10_000 });
    await phone.getByRole('status').filter({ hasText: 'Tempo scaduto' }).first().waitFor();

    // "+1 min" starts the finished timer again for everyone.
    await facilitator.getByRole('button', { name: '+1 min' }).click();
    for (const page of [participant, phone, projector]) await page.locator('[data-timer-state="running"]').first().waitFor();
    expect(await participant.getByText("Time's up").count()).toBe(0);
  });
});

describe('crowd mode', () => {
  it('turns on for the facilitator once more people are online than the threshold set in Settings', async () => {
    const room = await createRoom(env.server, 'Town assembly');
    const facilitator = await openLink(await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }), room.links.facilitator);

    await facilitator.getByRole('button', { name: 'Board settings' }).click();
    const settings = facilitator.getByRole('dialog', { name: 'Board settings' });
    await settings.getByLabel('Crowd mode above (people online)').fill('2');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    const first = await openLink(await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' }), room.links.participant);
    // Two people online is not above the threshold of 2: faces, no crowd mode.
    await facilitator.getByRole('button', { name: '2 online' }).waitFor();
    expect(await facilitator.getByText('Crowd mode on').count()).toBe(0);

    const second = await openLink(await env.phone({ identity: { name: 'Chiara Neri', sector: 'private' }, viewMode: 'board' }), room.links.participant);
    await facilitator.getByRole('status').filter({ hasText: 'Crowd mode on' }).waitFor();
    // In a crowd, everyone sees presence as counts per sector instead of faces.
    for (const page of [facilitator, first, second]) {
      const counts = page.locator('.crowd-presence').first();
      await counts.waitFor();
      await waitUntil(async () => (await counts.getAttribute('aria-label')) === '3 online', 'three people counted');
    }
    expect(await first.getByText('Crowd mode on').count()).toBe(0);
  });
});
