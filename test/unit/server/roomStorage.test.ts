/** The room engine when storage fails: nothing unstored is shown, writers are told, nothing is dropped. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room, UnsavedUpdatesError } from '../../../server/rooms/room';
import type { Peer } from '../../../server/rooms/peer';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { StorageHealth, monitorStore } from '../../../server/storage/storageHealth';
import type { Store } from '../../../server/storage/store';
import { log } from '../../../server/log';
import { decodeMessage } from '../../../shared/protocol';
import { newRoomId } from '../../../shared/ids';
import { createNote } from '../../../shared/notes';
import type { ServerControl } from '../../../shared/control';
import { waitFor } from '../../helpers/waitFor';

interface RecordingPeer extends Peer {
  frames: Uint8Array[];
}

const peer = (id: string): RecordingPeer => {
  const frames: Uint8Array[] = [];
  return { id, actor: { role: 'facilitator', participantId: 'facilitator-01' }, frames, send: (f) => frames.push(f), close() {} };
};
const kinds = (p: RecordingPeer): string[] => p.frames.map((f) => decodeMessage(f).kind);
const controls = (p: RecordingPeer): ServerControl[] =>
  p.frames.flatMap((f) => {
    const m = decodeMessage(f);
    return m.kind === 'control' ? [m.payload as ServerControl] : [];
  });

/** A store whose appends fail while `failing.on` is true, as a full disk does. */
async function openFailingRoom(): Promise<{ room: Room; failing: { on: boolean; failures: number }; health: StorageHealth; roomId: string; store: Store }> {
  const failing = { on: false, failures: 0 };
  const base = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-roomstorage-')) });
  const health = new StorageHealth();
  const store = monitorStore(
    {
      ...base,
      append: async (id, u) => {
        if (failing.on) {
          failing.failures++;
          throw new Error('SQLITE_FULL: database or disk is full');
        }
        return base.append(id, u);
      },
    },
    health,
  );
  const roomId = newRoomId();
  const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };
  await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(new Y.Doc()));
  return { room: new Room(roomId, store, await store.load(roomId), log), failing, health, roomId, store };
}

const clientUpdate = (text: string): Uint8Array => {
  const d = new Y.Doc();
  createNote(d, { x: 0, y: 0, text, author: { id: 'author-0003', name: 'F', sector: 'civil' } });
  return Y.encodeStateAsUpdate(d);
};

describe('Room when storage fails', () => {
  it('holds a join until the pending change is stored, tells the writer, and reports the failure', async () => {
    const { room, failing, health } = await openFailingRoom();
    const writer = peer('w');
    const joiner = peer('j');
    room.join(writer);
    failing.on = true;
    room.receiveUpdate(writer, clientUpdate('held'));
    await waitFor(() => controls(writer).some((c) => c.t === 'saved' && !c.ok), { message: 'writer told' });
    expect(health.status.ok).toBe(false);

    room.join(joiner);
    let answered = false;
    const answer = room.answerSyncStep1(joiner, Y.encodeStateVector(new Y.Doc())).then(() => (answered = true));
    // Retries come and fail; the join stays unanswered through them.
    const before = failing.failures;
    await waitFor(() => failing.failures >= before + 2, { message: 'two more failed retries' });
    expect(answered).toBe(false);
    expect(kinds(joiner)).not.toContain('sync-step2');

    failing.on = false;
    await answer;
    const step2 = await waitFor(() => joiner.frames.map((f) => decodeMessage(f)).find((m) => m.kind === 'sync-step2'), { message: 'the board sent' });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (step2 as { update: Uint8Array }).update);
    expect(replica.getMap('notes').size).toBe(1);
    await waitFor(() => controls(writer).at(-1)?.t === 'saved' && (controls(writer).at(-1) as { ok: boolean }).ok, { message: 'writer told saved' });
    expect(health.status.ok).toBe(true);
  });

  it('refuses to close while it holds an unstored change, and closes once it is stored', async () => {
    const { room, failing, roomId, store } = await openFailingRoom();
    const writer = peer('w');
    room.join(writer);
    failing.on = true;
    room.receiveUpdate(writer, clientUpdate('keep me'));
    await room.flushNow();
    await expect(room.close()).rejects.toBeInstanceOf(UnsavedUpdatesError);
    expect(room.hasUnstored).toBe(true);
    failing.on = false;
    await room.close();
    const stored = await store.load(roomId);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.mergeUpdates([stored.snapshot ?? Y.encodeStateAsUpdate(new Y.Doc()), ...stored.updates]));
    expect(replica.getMap('notes').size).toBe(1);
  });
});
