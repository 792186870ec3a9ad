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

const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };

/** What a test does to a store's rows behind its back, as damage at rest or an older version would. */
export interface RawRows {
  /** Overwrites the stored bytes of a document's snapshot, or of its update `seq`, keeping the checksum. */
  damage(docId: string, part: { snapshot: true } | { seq: number }): Promise<void>;
  /** Removes every checksum of a document, as rows written before checksums have none. */
  dropChecksums(docId: string): Promise<void>;
}

/** A room whose first two updates were compacted into a snapshot: {a: 1, b: 2}. */
async function compactedRoom(store: Store): Promise<string> {
  const roomId = newRoomId();
  await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
  const seq = await store.append(roomId, updateWith('b', 2));
  await store.compact(roomId, Y.mergeUpdates([updateWith('a', 1), updateWith('b', 2)]), seq);
  return roomId;
}

export function storeContract(name: string, makeStore: () => Promise<Store>, raw: () => RawRows): void {
  describe(`${name} store contract`, () => {
    it('checks what it loads against the checksums it stored, and says which part is damaged', async () => {
      const store = await makeStore();
      const roomId = await compactedRoom(store);
      const s3 = await store.append(roomId, updateWith('c', 3));
      const loaded = await store.load(roomId);
      expect(loaded.verified).toBe(true);
      expect(stateOf([loaded.snapshot, ...loaded.updates])).toEqual({ a: 1, b: 2, c: 3 });

      await raw().damage(roomId, { seq: s3 });
      await expect(store.load(roomId)).rejects.toThrow(new RegExp(`update ${s3} of ${roomId} .*damaged`));
      const other = await compactedRoom(store);
      await raw().damage(other, { snapshot: true });
      await expect(store.load(other)).rejects.toThrow(new RegExp(`snapshot of ${other} .*damaged`));
      await store.close();
    });

    it('loads rows stored before checksums as they are, saying they were not verified', async () => {
      const store = await makeStore();
      const roomId = await compactedRoom(store);
      await store.append(roomId, updateWith('c', 3));
      await raw().dropChecksums(roomId);
      const loaded = await store.load(roomId);
      expect(loaded.verified).toBe(false);
      expect(stateOf([loaded.snapshot, ...loaded.updates])).toEqual({ a: 1, b: 2, c: 3 });
      // A new append carries its checksum again; the older rows still have none.
      await store.append(roomId, updateWith('d', 4));
      expect((await store.load(roomId)).verified).toBe(false);
      await store.close();
    });

    it('creates a room with its first update and reads it back', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      expect(await store.getRoom(roomId)).toEqual({ roomId, title: 'T', createdAt: 1, tokenHashes });
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
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await expect(store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1))).rejects.toThrow();
      await store.close();
    });

    it('appends updates in order with increasing sequence numbers', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
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
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
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

    it('loads only what follows a sequence the reader already holds', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      const s1 = await store.append(roomId, updateWith('b', 2));
      const s2 = await store.append(roomId, updateWith('c', 3));
      const since = await store.load(roomId, s1);
      expect(since.snapshot).toBeNull();
      expect(stateOf(since.updates)).toEqual({ c: 3 });
      expect(since.lastSeq).toBe(s2);
      expect((await store.load(roomId, s2)).updates).toEqual([]);
      // Past a compaction the reader needs the snapshot again.
      await store.compact(roomId, Y.mergeUpdates((await store.load(roomId)).updates), s2);
      const behind = await store.load(roomId, s1);
      expect(stateOf([behind.snapshot, ...behind.updates])).toEqual({ a: 1, b: 2, c: 3 });
      expect(behind.lastSeq).toBe(s2);
      await store.close();
    });

    it('ignores a compaction behind the stored snapshot', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      const s1 = await store.append(roomId, updateWith('b', 2));
      await store.compact(roomId, Y.mergeUpdates((await store.load(roomId)).updates), s1);
      await store.compact(roomId, updateWith('stale', 0), 1);
      expect(stateOf([(await store.load(roomId)).snapshot])).toEqual({ a: 1, b: 2 });
      await store.close();
    });

    it('survives being reopened', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.append(roomId, updateWith('b', 2));
      await store.close();
      const again = await makeStore();
      expect(stateOf((await again.load(roomId)).updates)).toEqual({ a: 1, b: 2 });
      await again.close();
    });

    it('keeps documents under a room apart and lists them by prefix', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.append(`${roomId}~drafts~p1`, updateWith('d', 1));
      await store.append(`${roomId}~drafts~p2`, updateWith('e', 2));
      expect((await store.listDocs(`${roomId}~drafts~`)).sort()).toEqual([`${roomId}~drafts~p1`, `${roomId}~drafts~p2`]);
      expect(stateOf((await store.load(`${roomId}~drafts~p1`)).updates)).toEqual({ d: 1 });
      expect(stateOf((await store.load(roomId)).updates)).toEqual({ a: 1 });
      expect((await store.load(newRoomId())).updates).toEqual([]);
      await store.close();
    });

    it('deletes a room with its log and its documents', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      const other = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.createRoom({ roomId: other, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.append(`${roomId}~drafts~p1`, updateWith('d', 1));
      await store.deleteRoom(roomId);
      expect(await store.getRoom(roomId)).toBeNull();
      expect((await store.load(roomId)).updates).toEqual([]);
      expect(await store.listDocs(roomId)).toEqual([]);
      expect((await store.load(other)).updates).toHaveLength(1);
      await store.close();
    });

    it('scrubs after deletions and compactions, keeping everything still stored', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      const gone = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.createRoom({ roomId: gone, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      const seq = await store.append(roomId, updateWith('b', 2));
      await store.compact(roomId, Y.mergeUpdates([updateWith('a', 1), updateWith('b', 2)]), seq);
      await store.deleteRoom(gone);
      await store.scrub();
      const loaded = await store.load(roomId);
      expect(stateOf([loaded.snapshot, ...loaded.updates])).toEqual({ a: 1, b: 2 });
      expect(await store.getRoom(gone)).toBeNull();
      expect(await store.append(roomId, updateWith('c', 3))).toBe(seq + 1);
      await store.close();
    });

    it('finds a room by the hash of its join code', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes: { ...tokenHashes, join: 'd'.repeat(64) } }, updateWith('a', 1));
      expect(await store.findRoomByJoinHash('d'.repeat(64))).toBe(roomId);
      expect(await store.findRoomByJoinHash('e'.repeat(64))).toBeNull();
      expect((await store.getRoom(roomId))?.tokenHashes.join).toBe('d'.repeat(64));
      await store.close();
    });

    it('keeps a secret stable across reopenings', async () => {
      const store = await makeStore();
      const key = await store.secret('identity');
      expect(key.byteLength).toBe(32);
      expect(await store.secret('identity')).toEqual(key);
      await store.close();
      const again = await makeStore();
      expect(await again.secret('identity')).toEqual(key);
      expect(await again.secret('other')).not.toEqual(key);
      await again.close();
    });

    // Schedules: other tests share the store, so each looks only at its own rooms.
    const mine = (list: { roomId: string }[], ...rooms: string[]) => list.filter((s) => rooms.includes(s.roomId));

    it('keeps one schedule per room and name, moved by setting it again, and lists the due ones earliest first', async () => {
      const store = await makeStore();
      const a = newRoomId();
      const b = newRoomId();
      await store.setSchedule({ roomId: a, name: 'close', dueAt: 5_000, ref: 'w1' });
      await store.setSchedule({ roomId: b, name: 'close', dueAt: 3_000, ref: 'w2' });
      await store.setSchedule({ roomId: a, name: 'close', dueAt: 2_000, ref: 'w3' });
      expect(mine(await store.dueSchedules(1_999), a, b)).toEqual([]);
      expect(mine(await store.dueSchedules(4_000), a, b)).toEqual([
        { roomId: a, name: 'close', dueAt: 2_000, ref: 'w3' },
        { roomId: b, name: 'close', dueAt: 3_000, ref: 'w2' },
      ]);
      const next = await store.nextScheduleAt();
      expect(next).not.toBeNull();
      expect(next!).toBeLessThanOrEqual(2_000);
      await store.close();
    });

    it('clears a schedule only while it still holds the given ref', async () => {
      const store = await makeStore();
      const a = newRoomId();
      await store.setSchedule({ roomId: a, name: 'close', dueAt: 1_000, ref: 'new' });
      await store.clearSchedule(a, 'close', 'old');
      expect(mine(await store.dueSchedules(1_000), a)).toHaveLength(1);
      await store.clearSchedule(a, 'close', 'new');
      expect(mine(await store.dueSchedules(1_000), a)).toEqual([]);
      await store.setSchedule({ roomId: a, name: 'close', dueAt: 1_000, ref: 'x' });
      await store.clearSchedule(a, 'close');
      expect(mine(await store.dueSchedules(1_000), a)).toEqual([]);
      await store.close();
    });

    it('keeps schedules across reopenings and deletes them with their room', async () => {
      const store = await makeStore();
      const roomId = newRoomId();
      await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes }, updateWith('a', 1));
      await store.setSchedule({ roomId, name: 'close', dueAt: 7_000, ref: 'w' });
      await store.close();
      const again = await makeStore();
      expect(mine(await again.dueSchedules(7_000), roomId)).toEqual([{ roomId, name: 'close', dueAt: 7_000, ref: 'w' }]);
      await again.deleteRoom(roomId);
      expect(mine(await again.dueSchedules(Number.MAX_SAFE_INTEGER), roomId)).toEqual([]);
      await again.close();
    });
  });
}
