import { afterEach, describe, expect, it } from 'vitest';
import { createNote, getNote, listNotes } from '../../shared/notes';
import { createSqliteStore } from '../../server/storage/sqliteStore';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0001', name: 'Chiara', sector: 'private' as const };
const running: RunningServer[] = [];
const start = async (opts?: Parameters<typeof startServer>[0]): Promise<RunningServer> => {
  const s = await startServer(opts);
  running.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});

describe('durability', () => {
  it('keeps every update a peer has seen through kill -9 and restart', async () => {
    const first = await start();
    const room = await createRoom(first);
    const writer = await joinRoom(first, room);
    const reader = await joinRoom(first, room);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(createNote(writer.doc, { x: i * 10, y: 0, text: `idea ${i}`, author }));
    // The reader has seen the last one: the server relayed it, so it must be on disk.
    await waitFor(() => getNote(reader.doc, ids[49]!), { message: 'reader saw every note' });
    await first.kill();
    writer.destroy();
    reader.destroy();

    const second = await start({ dataDir: first.dataDir });
    const after = await joinRoom(second, room);
    expect(listNotes(after.doc).map((n) => n.text).sort()).toEqual(ids.map((_, i) => `idea ${i}`).sort());
    after.destroy();
  });

  it('flushes and compacts rooms on SIGTERM', async () => {
    const first = await start();
    const room = await createRoom(first);
    const writer = await joinRoom(first, room);
    const id = createNote(writer.doc, { x: 0, y: 0, text: 'ultima parola', author });
    const reader = await joinRoom(first, room);
    await waitFor(() => getNote(reader.doc, id));
    await first.stop();
    writer.destroy();
    reader.destroy();

    const store = createSqliteStore({ dataDir: first.dataDir });
    const stored = await store.load(room.roomId);
    await store.close();
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toEqual([]);

    const second = await start({ dataDir: first.dataDir });
    const after = await joinRoom(second, room);
    expect(getNote(after.doc, id)?.text).toBe('ultima parola');
    after.destroy();
  });

  it('compacts a busy room in the background without losing updates', async () => {
    const first = await start({ env: { COMPACT_AFTER_UPDATES: '20' } });
    const room = await createRoom(first);
    const writer = await joinRoom(first, room);
    const reader = await joinRoom(first, room);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push(createNote(writer.doc, { x: i, y: i, text: `n${i}`, author }));
      // Separate turns, so each note is its own appended batch.
      await waitFor(() => getNote(reader.doc, ids[i]!));
    }
    const store = createSqliteStore({ dataDir: first.dataDir });
    await waitFor(async () => (await store.load(room.roomId)).snapshot !== null, { message: 'background compaction' });
    await store.close();
    await first.kill();
    writer.destroy();
    reader.destroy();
    const second = await start({ dataDir: first.dataDir });
    const after = await joinRoom(second, room);
    expect(listNotes(after.doc)).toHaveLength(60);
    after.destroy();
  });
});
