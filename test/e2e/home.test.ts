/** Starting a workshop, joining it, and landing on a link that leads nowhere. */
import { describe, expect, it } from 'vitest';
import { createRoom } from '../helpers/server';
import { useBrowserAndServer, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();

describe('home page', () => {
  it('creates a workshop with "New workshop", opens it and asks who is joining', async () => {
    const page = await (await env.desktop()).newPage();
    await page.goto(env.server.url);
    await page.getByLabel('Workshop title').fill('River contract');
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });

    await page.getByRole('dialog', { name: 'Join the workshop' }).waitFor();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    // The facilitator is neutral: no sector asked unless they vote too.
    expect(await page.getByRole('group', { name: 'Sector' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Join' }).isDisabled()).toBe(true);
    await page.getByRole('group', { name: 'Where are you?' }).getByRole('radio', { name: 'Remote' }).check();
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await waitForSynced(page);
    await page.getByRole('heading', { name: 'River contract' }).waitFor();
    const chip = page.getByRole('button', { name: /Ada Lovelace, facilitator/ });
    await chip.waitFor();
    // The creator is the facilitator.
    await page.getByRole('button', { name: /^Next phase/ }).waitFor();
    // The identity survives a reload: no second join dialog.
    await page.reload();
    await waitForSynced(page);
    await chip.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: /^Next phase/ }).waitFor();
  });

  it('shows every link to the facilitator, and a participant joins through theirs', async () => {
    const context = await env.desktop({ identity: { name: 'Ada', sector: 'public' } });
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByLabel('Workshop title').fill('Links');
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });
    await waitForSynced(page);
    await page.getByRole('button', { name: 'Links' }).click();
    const dialog = page.getByRole('dialog', { name: 'Workshop links' });
    const participantLink = await dialog.getByRole('textbox', { name: 'Participant link', exact: true }).inputValue();
    expect(participantLink).toMatch(/\/r\/[A-Za-z0-9_-]{22}#t=/);
    await dialog.getByRole('button', { name: 'Copy link', exact: true }).waitFor();
    await dialog.getByText('Facilitator link (secret)').waitFor();
    expect(await dialog.getByRole('link', { name: 'Open projector view' }).getAttribute('href')).toMatch(/\/present#t=.+&join=.+/);

    const phone = await (await env.phone()).newPage();
    await phone.goto(participantLink);
    await phone.getByRole('dialog', { name: 'Join the workshop' }).waitFor();
    // The token left the address bar as soon as it was stored.
    expect(new URL(phone.url()).hash).toBe('');
    await phone.getByLabel('Your name').fill('Bea');
    await phone.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: 'Civil society' }).check();
    await phone.getByRole('group', { name: 'Where are you?' }).getByRole('radio', { name: 'In the room' }).check();
    await phone.getByRole('button', { name: 'Join' }).click();
    await waitForSynced(phone);
    expect(await phone.getByRole('button', { name: /Next phase/ }).count()).toBe(0);
    await phone.reload();
    await waitForSynced(phone);
    await phone.getByRole('heading', { name: 'Links' }).waitFor();
  });

  it('names an untitled workshop "Workshop"', async () => {
    const page = await (await env.phone({ identity: { name: 'Bea', sector: 'other' } })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.waitForURL(/\/r\//, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Workshop' }).waitFor();
  });

  it('says so when the workshop cannot be created', async () => {
    const page = await (await env.desktop()).newPage();
    await page.route('**/api/rooms', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"boom"}}' }),
    );
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.getByRole('alert').getByText('Could not create the workshop').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows "Workshop not found" for an unknown room, with a way home', async () => {
    const page = await (await env.desktop()).newPage();
    await page.goto(`${env.server.url}/r/AAAAAAAAAAAAAAAAAAAAAA#t=some-token`);
    await page.getByRole('heading', { name: 'Workshop not found' }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.getByRole('button', { name: 'New workshop' }).waitFor();
  });

  it('asks for the facilitator\'s link when a room is opened without one', async () => {
    const room = await createRoom(env.server, 'No link');
    const page = await (await env.desktop()).newPage();
    await page.goto(`${env.server.url}/r/${room.roomId}`);
    await page.getByRole('heading', { name: 'You need a link to join' }).waitFor({ timeout: 10_000 });
    await page.getByText('Ask the facilitator for the link').waitFor();
  });

  it('says "This link is not valid" for a wrong token', async () => {
    const room = await createRoom(env.server, 'Bad link');
    const page = await (await env.desktop()).newPage();
    await page.goto(`${env.server.url}/r/${room.roomId}#t=not-a-real-token-at-all`);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor({ timeout: 10_000 });
    await page.getByText('Ask the facilitator for the link').waitFor();
  });

  it('follows an Italian browser', async () => {
    const page = await (await env.desktop({ locale: 'it-IT' })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'Nuovo tavolo' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
  });
});
