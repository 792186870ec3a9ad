/**
 * Opening a board: its socket opens as the app's script starts (from a
 * link, once the identity is answered; on a reload, at once from the stored
 * identity, before React has rendered anything), and the screen adopts it
 * rather than opening a second one. The server's greeting (here the
 * moderation queue) still reaches a screen that subscribed after the socket
 * opened.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();
const E2E_TIMEOUT_MS = 90_000;

interface Socket {
  path: string;
  /** Whether React had rendered anything into the page when the socket was opened. */
  rendered: boolean;
}

declare global {
  interface Window {
    __sockets?: Socket[];
  }
}

/** Notes each socket the page opens, and whether React had rendered anything then. */
const RECORD_SOCKETS = `(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      window.__sockets.push({ path: new URL(url).pathname, rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0 });
    }
  };
})();`;

async function recorded(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(RECORD_SOCKETS);
  return context;
}

const socketsOf = (page: Page): Promise<Socket[]> => page.evaluate(() => window.__sockets ?? []);

describe('opening a board', () => {
  it('connects before the screen is rendered, with one socket per document, and misses nothing the server greets with', async () => {
    const room = await createRoom(env.server, 'Contratto di fiume');
    const [f, a] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }).then(recorded),
      env.desktop({ identity: { name: 'Anna Verdi', sector: 'civil' }, viewMode: 'board' }).then(recorded),
    ]);
    const board = `/sync/${room.roomId}`;
    const drafts = `/sync/${room.roomId}~drafts`;

    // From the link: the identity is asked for, then the socket opens, once.
    const facilitator = await openLink(f, room.links.facilitator);
    const anna = await openLink(a, room.links.participant);
    expect((await socketsOf(facilitator)).map((s) => s.path)).toEqual([board]);
    expect((await socketsOf(anna)).map((s) => s.path).sort()).toEqual([board, drafts]);

    await advanceToPhase(facilitator, 'discussion');
    const TEXT = 'Che stronzata di piano';
    const id = await addNote(anna, TEXT);
    await facilitator.locator(`[data-note-id="${id}"] [data-flagged]`).waitFor();

    // A reload opens from the stored identity before anything is rendered; the queue comes with the greeting.
    await Promise.all([facilitator.reload(), anna.reload()]);
    await Promise.all([waitForSynced(facilitator), waitForSynced(anna)]);
    expect(await socketsOf(facilitator)).toEqual([{ path: board, rendered: false }]);
    const annaSockets = await socketsOf(anna);
    expect(annaSockets.filter((s) => s.path === board)).toEqual([{ path: board, rendered: false }]);
    expect(annaSockets.filter((s) => s.path === drafts)).toHaveLength(1);

    await facilitator.getByRole('button', { name: 'Open the moderation queue' }).click();
    const queue = facilitator.getByRole('dialog', { name: 'Moderation' });
    await queue.locator(`[data-moderation-id="${id}"][data-flagged]`).getByText(TEXT).waitFor();
  }, E2E_TIMEOUT_MS);
});
