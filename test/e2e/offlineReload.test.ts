/**
 * A participant's edit that never reached the server is kept on the device
 * (y-indexeddb) and sent after a reload, although the reloaded page writes
 * under a new Yjs client id: the old one is still the same person's.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRoom } from '../helpers/server';
import { addNote, advanceToPhase, openLink, useBrowserAndServer, waitForNoteText, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

/** y-websocket frames: message type, then the sync step; 0/2 is a document update. */
const isDocUpdate = (frame: string | Buffer): boolean => typeof frame !== 'string' && frame[0] === 0 && frame[1] === 2;

/** Whether some update stored in the page's IndexedDB holds `text` (UTF-8). */
const storedOnDevice = (page: Page, text: string): Promise<boolean> =>
  page.evaluate(async (t) => {
    const needle = new TextEncoder().encode(t);
    const has = (bytes: Uint8Array): boolean => {
      outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
        return true;
      }
      return false;
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      if (!db.objectStoreNames.contains('updates')) continue;
      const all = await new Promise<unknown[]>((res, rej) => {
        const r = db.transaction('updates').objectStore('updates').getAll();
        r.onsuccess = () => res(r.result as unknown[]);
        r.onerror = () => rej(r.error);
      });
      db.close();
      if (all.some((u) => u instanceof Uint8Array && has(u))) return true;
    }
    return false;
  }, text);

describe('an edit kept only on the device', () => {
  it('reaches the board after a reload, from under the old client id', async () => {
    const room = await createRoom(env.server, 'Offline reload');
    const [f, p] = await Promise.all([
      env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } }),
      env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' }, viewMode: 'board' }),
    ]);
    const facilitator = await openLink(f, room.links.facilitator);
    await advanceToPhase(facilitator, 'discussion');

    // The participant's document updates never leave the device while `offline`.
    let offline = false;
    await p.routeWebSocket(/\/sync\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        if (!(offline && isDocUpdate(frame))) server.send(frame);
      });
      server.onMessage((frame) => ws.send(frame));
    });
    const first = await openLink(p, room.links.participant);
    await first.locator('[data-phase-step="discussion"][aria-current="step"]').waitFor();
    await addNote(first, 'Online §1');
    await waitForNoteText(facilitator, 'Online §1');

    offline = true;
    await addNote(first, 'Offline ¤');
    await waitUntil(() => storedOnDevice(first, '¤'), 'the offline note to be stored on the device');
    await first.close();

    offline = false;
    const reloaded = await openLink(p, room.links.participant);
    await waitForNoteText(reloaded, 'Offline ¤');
    await waitForNoteText(facilitator, 'Offline ¤');
    await addNote(reloaded, 'After the reload §3');
    await waitForNoteText(facilitator, 'After the reload §3');
    await waitForNoteText(facilitator, 'Online §1');
  }, 60_000);
});
