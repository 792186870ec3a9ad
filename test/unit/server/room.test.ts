import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room, defaultRoomOptions } from '../../../server/rooms/room';
import { RELAY_ORIGIN } from '../../../server/relay/relayedDoc';
import { setPhase } from '../../../shared/session';
import type { Peer } from '../../../server/rooms/peer';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import type { Store } from '../../../server/storage/store';
import { log } from '../../../server/log';
import { decodeMessage } from '../../../shared/protocol';
import { newRoomId } from '../../../shared/ids';
import { createNote } from '../../../shared/notes';
import { waitFor } from '../../helpers/waitFor';

interface RecordingPeer extends Peer {
  frames: Uint8Array[];
}

const peer = (id: string, onSend?: (frame: Uint8Array) => void): RecordingPeer => {
  const frames: Uint8Array[] = [];
  return {
    id,
    actor: { role: 'facilitator', participantId: 'facilitator-01' },
    frames,
    send(frame) {
      onSend?.(frame);
      frames.push(frame);
    },
    close() {},
  };
};

const updatesIn = (p: RecordingPeer): Uint8Array[] =>
  p.frames.flatMap((f) => {
    const m = decodeMessage(f);
    return m.kind === 'update' ? [m.update] : [];
  });

const isStep2 = (f: Uint8Array): boolean => decodeMessage(f).kind === 'sync-step2';

/** The sync step 2 a peer was sent, once it was. */
const step2Frame = (p: RecordingPeer): Promise<Uint8Array> => waitFor(() => p.frames.find(isStep2), { message: `sync step 2 to ${p.id}` });

const boardIn = (frame: Uint8Array): Uint8Array => {
  const m = decodeMessage(frame);
  if (m.kind !== 'sync-step2') throw new Error('not a sync step 2');
  return m.update;
};

async function openRoom(wrap?: (s: Store) => Store): Promise<{ room: Room; store: Store; roomId: string }> {
  const base = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-room-')) });
  const store = wrap ? wrap(base) : base;
  const roomId = newRoomId();
  const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };
  await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(new Y.Doc()));
  return { room: new Room(roomId, store, await store.load(roomId), log), store, roomId };
}

const author = { id: 'author-0003', name: 'F', sector: 'civil' as const };

/** An update made by a separate client doc, as a peer would send it. */
const clientUpdate = (text: string): Uint8Array => {
  const d = new Y.Doc();
  createNote(d, { x: 0, y: 0, text, author });
  return Y.encodeStateAsUpdate(d);
};

describe('Room', () => {
  it('sends the very same bytes to every other peer', async () => {
    const { room } = await openRoom();
    const sender = peer('s');
    const others = [peer('a'), peer('b'), peer('c')];
    for (const p of [sender, ...others]) room.join(p);
    const before = others.map((p) => p.frames.length);
    room.receiveUpdate(sender, clientUpdate('x'));
    await waitFor(() => others.every((p, i) => p.frames.length > before[i]!));
    const sent = others.map((p) => p.frames[p.frames.length - 1]);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(sent[0]);
    // The sender is not echoed its own update.
    expect(updatesIn(sender)).toHaveLength(0);
  });

  it('coalesces updates of one event-loop turn into one append and one frame', async () => {
    let appends = 0;
    const { room } = await openRoom((s) => ({ ...s, append: (id, u) => (appends++, s.append(id, u)) }));
    const a = peer('a');
    const b = peer('b');
    const watcher = peer('w');
    for (const p of [a, b, watcher]) room.join(p);
    for (let i = 0; i < 10; i++) room.receiveUpdate(i % 2 ? a : b, clientUpdate(`n${i}`));
    await waitFor(() => updatesIn(watcher).length > 0);
    await room.flushNow();
    expect(appends).toBe(1);
    expect(updatesIn(watcher)).toHaveLength(1);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, updatesIn(watcher)[0]!);
    expect(replica.getMap('notes').size).toBe(10);
  });

  it('persists an update before any peer receives it', async () => {
    const appended: Uint8Array[] = [];
    let sentBeforePersist = 0;
    const { room } = await openRoom((s) => ({
      ...s,
      append: async (id, u) => {
        // Resolve on a later turn, as a network database would.
        await new Promise((r) => setTimeout(r, 5));
        const seq = await s.append(id, u);
        appended.push(u);
        return seq;
      },
    }));
    const watcher = peer('w', (frame) => {
      if (decodeMessage(frame).kind === 'update' && appended.length === 0) sentBeforePersist++;
    });
    const sender = peer('s');
    room.join(watcher);
    room.join(sender);
    room.receiveUpdate(sender, clientUpdate('durable'));
    await waitFor(() => updatesIn(watcher).length === 1);
    expect(sentBeforePersist).toBe(0);
  });

  it('keeps a batch whose append failed and relays it once storage recovers', async () => {
    let failures = 2;
    const { room, store, roomId } = await openRoom((s) => ({
      ...s,
      append: async (id, u) => {
        if (failures-- > 0) throw new Error('disk full');
        return s.append(id, u);
      },
    }));
    const watcher = peer('w');
    const sender = peer('s');
    room.join(watcher);
    room.join(sender);
    room.receiveUpdate(sender, clientUpdate('retry me'));
    await waitFor(() => updatesIn(watcher).length === 1, { message: 'relayed after retries' });
    const stored = await store.load(roomId);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.mergeUpdates(stored.updates));
    expect(replica.getMap('notes').size).toBe(1);
  });

  it('answers a joining peer only with state that is already persisted', async () => {
    const { room, store, roomId } = await openRoom();
    const sender = peer('s');
    room.join(sender);
    room.receiveUpdate(sender, clientUpdate('first'));
    const joiner = peer('j');
    room.join(joiner);
    await room.answerSyncStep1(joiner, Y.encodeStateVector(new Y.Doc()));
    const stored = await store.load(roomId);
    const persisted = new Y.Doc();
    Y.applyUpdate(persisted, Y.mergeUpdates(stored.updates));
    expect(persisted.getMap('notes').size).toBe(1);
  });

  it('collapses awareness to one frame per turn, identical for every peer', async () => {
    const { room } = await openRoom();
    const a = peer('a');
    const b = peer('b');
    const c = peer('c');
    for (const p of [a, b, c]) room.join(p);
    const client = new Y.Doc();
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const aw = new Awareness(client);
    for (let i = 0; i < 5; i++) {
      aw.setLocalStateField('cursor', { x: i, y: i });
      room.receiveAwareness(a, encodeAwarenessUpdate(aw, [client.clientID]));
    }
    await room.flushNow();
    const awarenessFrames = (p: RecordingPeer): Uint8Array[] => p.frames.filter((f) => decodeMessage(f).kind === 'awareness');
    expect(awarenessFrames(b)).toHaveLength(1);
    expect(awarenessFrames(c)[0]).toBe(awarenessFrames(b)[0]);
    expect(awarenessFrames(a)).toHaveLength(0);
    aw.destroy();
  });
  it('encodes the whole board once for a storm of empty joins, and again after a change', async () => {
    const { room } = await openRoom();
    const sender = peer('s');
    room.join(sender);
    room.receiveUpdate(sender, clientUpdate('first'));
    const empty = Y.encodeStateVector(new Y.Doc());
    const joiners = ['j1', 'j2', 'j3'].map((id) => peer(id));
    for (const j of joiners) {
      room.join(j);
      await room.answerSyncStep1(j, empty);
    }
    const answers = await Promise.all(joiners.map(step2Frame));
    // The very same frame object: encoded once, sent three times.
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);

    room.receiveUpdate(sender, clientUpdate('second'));
    const late = peer('late');
    room.join(late);
    await room.answerSyncStep1(late, empty);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, boardIn(await step2Frame(late)));
    expect(replica.getMap('notes').size).toBe(2);
  });

  it('answers joiners lacking most of the board with the shared board, and one missing a little with a diff', async () => {
    const { room } = await openRoom();
    const sender = peer('s');
    room.join(sender);
    const updates = ['first', 'second', 'third'].map(clientUpdate);
    for (const u of updates) room.receiveUpdate(sender, u);
    await room.flushNow();
    // Back after a process died: one keeps only its own note, one missed only the last change.
    const own = new Y.Doc();
    Y.applyUpdate(own, clientUpdate('mine'));
    const nearly = new Y.Doc();
    for (const u of updates.slice(0, 2)) Y.applyUpdate(nearly, u);
    const [empty, thin, near] = [peer('empty'), peer('thin'), peer('near')];
    for (const [p, doc] of [[empty, new Y.Doc()], [thin, own], [near, nearly]] as const) {
      room.join(p);
      await room.answerSyncStep1(p, Y.encodeStateVector(doc));
    }
    const [toEmpty, toThin, toNear] = await Promise.all([step2Frame(empty), step2Frame(thin), step2Frame(near)]);
    // The very same frame for both, encoded once.
    expect(toThin).toBe(toEmpty);
    expect(toNear).not.toBe(toEmpty);
    expect(toNear.byteLength).toBeLessThan(toEmpty.byteLength / 2);
    for (const [doc, frame] of [[own, toThin], [nearly, toNear]] as const) Y.applyUpdate(doc, boardIn(frame));
    expect([...own.getMap('notes').values()].length).toBe(4);
    expect([...nearly.getMap('notes').values()].length).toBe(3);
  });

  it('sends the board to a storm of joiners a budget per turn, each the board as it is when its turn comes', async () => {
    const { room, store, roomId } = await openRoom();
    // A budget of one board a turn.
    const paced = new Room(roomId, store, await store.load(roomId), log, { ...defaultRoomOptions, boardBytesPerTurn: 1 });
    room.destroy();
    const sender = peer('s');
    paced.join(sender);
    paced.receiveUpdate(sender, clientUpdate('first'));
    const empty = Y.encodeStateVector(new Y.Doc());
    let othersHadBoard: boolean | null = null;
    const joiners: RecordingPeer[] = [];
    joiners.push(
      peer('j1', (frame) => {
        if (!isStep2(frame)) return;
        // The others still wait: one board a turn. A change now is relayed to them all…
        othersHadBoard = joiners.slice(1).some((j) => j.frames.some(isStep2));
        paced.receiveUpdate(sender, clientUpdate('second'));
      }),
      peer('j2'),
      peer('j3'),
    );
    for (const j of joiners) {
      paced.join(j);
      void paced.answerSyncStep1(j, empty);
    }
    const first = await step2Frame(joiners[0]!);
    expect(othersHadBoard).toBe(false);
    const later = await Promise.all(joiners.slice(1).map(step2Frame));
    // …and those answered after it get the board with it.
    const notes = (frame: Uint8Array): number => {
      const d = new Y.Doc();
      Y.applyUpdate(d, boardIn(frame));
      return d.getMap('notes').size;
    };
    expect(notes(first)).toBe(1);
    expect(later.map(notes)).toEqual([2, 2]);
    // Every joiner ends with both notes: the first from its board and the relay.
    for (const j of joiners) {
      const d = new Y.Doc();
      Y.applyUpdate(d, boardIn(await step2Frame(j)));
      for (const u of updatesIn(j)) Y.applyUpdate(d, u);
      expect(d.getMap('notes').size).toBe(2);
    }
    paced.destroy();
  });

  it('reports a phase change it accepted, not one another process relayed (that process saves the version)', async () => {
    const { room } = await openRoom();
    const ended: string[] = [];
    room.onPhaseChange = (phase) => ended.push(phase);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(room.doc));
    const sv = Y.encodeStateVector(remote);
    setPhase(remote, 'discussion');
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(remote, sv), RELAY_ORIGIN);
    expect(ended).toEqual([]);
    const sender = peer('s');
    room.join(sender);
    const sv2 = Y.encodeStateVector(remote);
    setPhase(remote, 'scenarios');
    room.receiveUpdate(sender, Y.encodeStateAsUpdate(remote, sv2));
    await room.flushNow();
    expect(ended).toEqual(['discussion']);
  });
});
