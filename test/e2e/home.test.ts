/** Starting a workshop, joining it, and landing on a link that leads nowhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server';
import { desktopContext, launchBrowser, phoneContext, waitForSynced } from '../helpers/browser';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
});

const track = (c: BrowserContext): BrowserContext => (contexts.push(c), c);

describe('home page', () => {
  it('creates a workshop with "New workshop", opens it and asks who is joining', async () => {
    const page = await track(await desktopContext(browser)).newPage();
    await page.goto(server.url);
    await page.getByLabel('Workshop title').fill('River contract');
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });

    await page.getByRole('dialog', { name: 'Join the workshop' }).waitFor();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: 'Private' }).check();
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await waitForSynced(page);
    await page.getByRole('heading', { name: 'River contract' }).waitFor();
    const chip = page.getByRole('button', { name: /Ada Lovelace, Private/ });
    await chip.waitFor();
    // The identity survives a reload: no second join dialog.
    await page.reload();
    await waitForSynced(page);
    await chip.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('names an untitled workshop "Workshop"', async () => {
    const page = await track(await phoneContext(browser, { identity: { id: 'phone-user-01', name: 'Bea', sector: 'other' } })).newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.waitForURL(/\/r\//, { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Workshop' }).waitFor();
  });

  it('says so when the workshop cannot be created', async () => {
    const page = await track(await desktopContext(browser)).newPage();
    await page.route('**/api/rooms', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"boom"}}' }),
    );
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New workshop' }).click();
    await page.getByRole('alert').getByText('Could not create the workshop').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows "Workshop not found" for an unknown room, with a way home', async () => {
    const page = await track(await desktopContext(browser)).newPage();
    await page.goto(`${server.url}/r/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByRole('heading', { name: 'Workshop not found' }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.getByRole('button', { name: 'New workshop' }).waitFor();
  });

  it('follows an Italian browser', async () => {
    const page = await track(await desktopContext(browser, { locale: 'it-IT' })).newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Nuovo tavolo' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
  });
});
