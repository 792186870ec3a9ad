/** The behaviour every Store must have; run against each implementation. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newRoomId } from '../../shared/ids';
import type { Store } from '../../server/storage/store';

const updateWith = (key: string, value: number): Uint8Array => {
  const d = new Y.Doc();
  d.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(d);
};

const stateOf = (parts: (Uint8Array | null)[]): unknown => {
  const d = new Y.Doc();
  for (const p of parts) if (p) Y.applyUpdate(d, p);
  return d.getMap('m').toJSON();
};

export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    it('creates a room with its first update and reads it back', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      expect(await store.getRoom(roomId)).toEqual({ roomId, title: 'T', createdAt: 1 });
      const loaded = await store.load(roomId);
      expect(loaded.snapshot).toBeNull();
      expect(stateOf(loaded.updates)).toEqual({ a: 1 });
      await store.close();
    });

    it('knows nothing of rooms never created', async () => {
      const store = await makeStore();
      expect(await store.getRoom(newRoomId())).toBeNull();
      await store.close();
    });

    it('refuses to create the same room twice', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      await expect(store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1))).rejects.toThrow();
      await store.close();
    });

    it('appends updates in order with increasing sequence numbers', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      const s1 = await store.append(roomId, updateWith('b', 2));
      const s2 = await store.append(roomId, updateWith('c', 3));
      expect(s2).toBeGreaterThan(s1);
      const loaded = await store.load(roomId);
      expect(loaded.lastSeq).toBe(s2);
      expect(loaded.updates).toHaveLength(3);
      expect(stateOf(loaded.updates)).toEqual({ a: 1, b: 2, c: 3 });
      await store.close();
    });

    it('compaction replaces the log prefix and keeps later updates', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      const s1 = await store.append(roomId, updateWith('b', 2));
      const before = await store.load(roomId);
      const snapshot = Y.mergeUpdates(before.updates);
      const s2 = await store.append(roomId, updateWith('c', 3));
      await store.compact(roomId, snapshot, s1);
      const after = await store.load(roomId);
      expect(after.snapshot).not.toBeNull();
      expect(after.updates).toHaveLength(1);
      expect(after.lastSeq).toBe(s2);
      expect(stateOf([after.snapshot, ...after.updates])).toEqual({ a: 1, b: 2, c: 3 });
      // Appends continue after the compacted sequence.
      expect(await store.append(roomId, updateWith('d', 4))).toBeGreaterThan(s2);
      await store.close();
    });

    it('survives being reopened', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      await store.append(roomId, updateWith('b', 2));
      await store.close();
      const again = await makeStore();
      expect(stateOf((await again.load(roomId)).updates)).toEqual({ a: 1, b: 2 });
      await again.close();
    });

    it('deletes a room with its log', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1 }, updateWith('a', 1));
      await store.deleteRoom(roomId);
      expect(await store.getRoom(roomId)).toBeNull();
      expect((await store.load(roomId)).updates).toEqual([]);
      await store.close();
    });
  });
}
