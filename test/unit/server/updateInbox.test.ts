/**
 * A turn's updates from many peers are checked one by one and applied in one
 * Yjs transaction (server/rooms/updateInbox.ts): what a batch must not change
 * is what each sender is allowed, told and shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room, defaultRoomOptions } from '../../../server/rooms/room';
import type { Peer } from '../../../server/rooms/peer';
import type { Actor, RefusalReason } from '../../../server/auth/updatePolicy';
import { DEFAULT_POLICY_LIMITS } from '../../../server/auth/updatePolicy';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { log } from '../../../server/log';
import { RejectedUpdate } from '../../../server/auth/updateInspector';
import { decodeMessage } from '../../../shared/protocol';
import { newRoomId } from '../../../shared/ids';
import { createNote, editNoteText, listNotes, moveNote } from '../../../shared/notes';
import { setPhase } from '../../../shared/session';

interface TestPeer extends Peer {
  frames: Uint8Array[];
  refusals: RefusalReason[];
  /** This peer's own replica, which makes the updates it sends. */
  doc: Y.Doc;
}

const participant = (id: string): Actor => ({ role: 'participant', participantId: `${id}-00000001` });

function testPeer(id: string, actor: Actor): TestPeer {
  return {
    id,
    actor,
    frames: [],
    refusals: [],
    doc: new Y.Doc(),
    send(frame) {
      this.frames.push(frame);
    },
    close() {},
    updateRefused(reason) {
      this.refusals.push(reason);
    },
  };
}

/** Participants by name, and an observer watching what is relayed, all joined to `room`. */
function seat<N extends string[]>(room: Room, ...names: N): { people: { [K in keyof N]: TestPeer }; watcher: TestPeer } {
  const people = names.map((n) => testPeer(n, participant(n))) as { [K in keyof N]: TestPeer };
  const watcher = testPeer('watcher', { role: 'observer', participantId: null });
  for (const p of [...people, watcher]) room.join(p);
  return { people, watcher };
}

/** What `p` changes in its replica, as the bytes it would send. */
function change(p: TestPeer, f: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(p.doc);
  f(p.doc);
  return Y.encodeStateAsUpdate(p.doc, before);
}

const refusedFrames = (p: TestPeer): string[] =>
  p.frames.flatMap((f) => {
    const m = decodeMessage(f);
    return m.kind === 'control' && (m.payload as { t?: string }).t === 'refused' ? [(m.payload as { reason: string }).reason] : [];
  });

async function openRoom(maxDocBytes = DEFAULT_POLICY_LIMITS.maxDocBytes): Promise<Room> {
  const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-inbox-')) });
  const roomId = newRoomId();
  const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };
  await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(new Y.Doc()));
  const room = new Room(roomId, store, await store.load(roomId), log, { ...defaultRoomOptions, limits: { ...DEFAULT_POLICY_LIMITS, maxDocBytes } });
  // Past listening, where participants write on the board itself.
  setPhase(room.doc, 'discussion');
  await room.flushNow();
  return room;
}

const author = (p: TestPeer) => ({ id: p.actor.participantId!, name: p.id, sector: 'civil' as const });

describe('updates of one turn', () => {
  it('are applied in one transaction, each checked against the ones before it', async () => {
    const room = await openRoom();
    const doc = room.doc;
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const peers = ['ada', 'bea', 'cleo'].map((id) => testPeer(id, participant(id)));
    for (const p of peers) room.join(p);
    // Each writes a note; Ada then moves hers in the same turn, which only
    // integrates on top of the note, so it must be checked after the note is in.
    const ids = peers.map((p) => {
      let id = '';
      room.receiveUpdate(p, change(p, (d) => (id = createNote(d, { x: 0, y: 0, text: p.id, author: author(p) }))));
      return id;
    });
    room.receiveUpdate(peers[0]!, change(peers[0]!, (d) => moveNote(d, ids[0]!, 40, 40)));
    await room.flushNow();
    // The second of Ada's updates starts a second transaction (see the next test).
    expect(transactions).toBe(2);
    expect(listNotes(doc).map((n) => [n.text, n.x]).sort()).toEqual([['ada', 40], ['bea', 0], ['cleo', 0]]);
    for (const p of peers) expect(refusedFrames(p)).toEqual([]);
  });

  it("relay a value its sender overwrote within the same turn as it was sent, not as deleted content", async () => {
    const room = await openRoom();
    const {
      people: [ada],
      watcher,
    } = seat(room, 'ada');
    let id = '';
    room.receiveUpdate(ada, change(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: 'dragged', author: author(ada) }))));
    await room.flushNow();
    room.receiveUpdate(ada, change(ada, (d) => moveNote(d, id, 10, 10)));
    room.receiveUpdate(ada, change(ada, (d) => moveNote(d, id, 20, 20)));
    await room.flushNow();
    const relayed = watcher.frames.map((f) => decodeMessage(f)).flatMap((m) => (m.kind === 'update' ? [m.update] : []));
    const contents = relayed.flatMap((u) => Y.decodeUpdate(u).structs.flatMap((s) => (s instanceof Y.Item ? [s.content] : [])));
    const numbers = contents.flatMap((c) => (c instanceof Y.ContentAny ? c.arr : []));
    expect(numbers.filter((n) => n === 10 || n === 20)).toEqual([10, 10, 20, 20]);
  });

  it('refuse one sender without touching the others, and tell only that sender', async () => {
    const room = await openRoom();
    const {
      people: [ada, bea],
      watcher,
    } = seat(room, 'ada', 'bea');
    let adaNote = '';
    room.receiveUpdate(ada, change(ada, (d) => (adaNote = createNote(d, { x: 0, y: 0, text: "Ada's", author: author(ada) }))));
    await room.flushNow();
    Y.applyUpdate(bea.doc, Y.encodeStateAsUpdate(room.doc));

    // In one turn: Bea rewrites Ada's note (refused), writes her own, and an observer tries to write.
    room.receiveUpdate(bea, change(bea, (d) => editNoteText(d, adaNote, 'rewritten by Bea')));
    room.receiveUpdate(watcher, change(watcher, (d) => createNote(d, { x: 1, y: 1, text: 'from an observer', author: author(ada) })));
    room.receiveUpdate(ada, change(ada, (d) => editNoteText(d, adaNote, "Ada's, revised")));
    await room.flushNow();

    expect(listNotes(room.doc).map((n) => n.text)).toEqual(["Ada's, revised"]);
    expect(refusedFrames(bea)).toHaveLength(1);
    expect(bea.refusals).toHaveLength(1);
    expect(refusedFrames(watcher)).toEqual(['read-only']);
    expect(watcher.refusals).toEqual(['read-only']);
    expect(refusedFrames(ada)).toEqual([]);
  });

  it('count the size of the updates before them in the same batch against the document limit', async () => {
    const room = await openRoom(6_000);
    const ada = testPeer('ada', participant('ada'));
    const bea = testPeer('bea', participant('bea'));
    for (const p of [ada, bea]) room.join(p);
    const long = 'x'.repeat(2_500);
    const first = change(ada, (d) => createNote(d, { x: 0, y: 0, text: long, author: author(ada) }));
    const second = change(bea, (d) => createNote(d, { x: 0, y: 0, text: long, author: author(bea) }));
    const third = change(ada, (d) => createNote(d, { x: 0, y: 0, text: long, author: author(ada) }));
    expect(first.byteLength + second.byteLength).toBeLessThan(6_000);
    expect(first.byteLength + second.byteLength + third.byteLength).toBeGreaterThan(6_000);
    for (const [p, u] of [[ada, first], [bea, second], [ada, third]] as const) room.receiveUpdate(p, u);
    await room.flushNow();
    expect(listNotes(room.doc)).toHaveLength(2);
    expect(ada.refusals).toEqual(['limit']);
    expect(bea.refusals).toEqual([]);
  });

  it('refuse an undecodable one at once, before any batch, and keep the batch around it', async () => {
    const room = await openRoom();
    const ada = testPeer('ada', participant('ada'));
    const mallory = testPeer('mallory', participant('mallory'));
    for (const p of [ada, mallory]) room.join(p);
    room.receiveUpdate(ada, change(ada, (d) => createNote(d, { x: 0, y: 0, text: 'before', author: author(ada) })));
    const valid = change(mallory, (d) => createNote(d, { x: 0, y: 0, text: 'cut short', author: author(mallory) }));
    // The connection closes the socket on this throw (test/integration covers that end).
    expect(() => room.receiveUpdate(mallory, valid.slice(0, valid.length - 3))).toThrow(RejectedUpdate);
    room.receiveUpdate(ada, change(ada, (d) => createNote(d, { x: 0, y: 0, text: 'after', author: author(ada) })));
    await room.flushNow();
    expect(listNotes(room.doc).map((n) => n.text).sort()).toEqual(['after', 'before']);
  });

  it("refuse a hand-built delete of another participant's note that lands in the same turn as the note", async () => {
    for (const attackerFirst of [false, true]) {
      const room = await openRoom();
      const {
        people: [ada, mallory],
        watcher,
      } = seat(room, 'ada', 'mallory');
      let id = '';
      const note = change(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: "Ada's", author: author(ada) })));
      // Mallory builds her delete set over Ada's clocks from a copy of the very update
      // (as if read off the wire), hoping to slip it into the batch right behind it.
      Y.applyUpdate(mallory.doc, note);
      const forged = change(mallory, (d) => d.getMap('notes').delete(id));
      expect(Y.decodeUpdate(forged).ds.clients.has(ada.doc.clientID)).toBe(true);
      const order: [TestPeer, Uint8Array][] = attackerFirst ? [[mallory, forged], [ada, note]] : [[ada, note], [mallory, forged]];
      for (const [p, u] of order) room.receiveUpdate(p, u);
      await room.flushNow();
      expect(listNotes(room.doc).map((n) => n.text)).toEqual(["Ada's"]);
      expect(mallory.refusals).toEqual([attackerFirst ? 'out-of-sync' : 'not-yours']);
      expect(ada.refusals).toEqual([]);
      // What the others were relayed holds the note and no delete of it.
      const replica = new Y.Doc();
      for (const f of watcher.frames) {
        const m = decodeMessage(f);
        if (m.kind === 'update') Y.applyUpdate(replica, m.update);
      }
      expect(listNotes(replica).map((n) => n.text)).toEqual(["Ada's"]);
    }
  });

  it('are applied before anything reads the document in the same turn', async () => {
    const room = await openRoom();
    const ada = testPeer('ada', participant('ada'));
    room.join(ada);
    room.receiveUpdate(ada, change(ada, (d) => createNote(d, { x: 0, y: 0, text: 'read me', author: author(ada) })));
    expect(listNotes(room.doc).map((n) => n.text)).toEqual(['read me']);
  });
});

describe('updates to a board and to its drafts in the same turn', () => {
  async function boardWithDrafts(owner: Actor) {
    const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-inbox-')) });
    const roomId = newRoomId();
    const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };
    await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(new Y.Doc()));
    const board = new Room(roomId, store, await store.load(roomId), log);
    const draftsId = `${roomId}~drafts~${owner.participantId!}`;
    const drafts = new Room(draftsId, store, await store.load(draftsId), log, defaultRoomOptions, { kind: 'drafts', owner: owner.participantId!, board });
    return { board, drafts };
  }

  it('check each draft against the board as it stood when the draft arrived', async () => {
    for (const draftFirst of [true, false]) {
      const ada = testPeer('ada', participant('ada'));
      const fac = testPeer('fac', { role: 'facilitator', participantId: 'fac-00000001' });
      const { board, drafts } = await boardWithDrafts(ada.actor);
      board.join(fac);
      drafts.join(ada);
      // Private writing in listening, closed by the move to discussion.
      const draft = change(ada, (d) => createNote(d, { x: 0, y: 0, text: 'in private', author: author(ada) }));
      const close = change(fac, (d) => setPhase(d, 'discussion'));
      if (draftFirst) {
        drafts.receiveUpdate(ada, draft);
        board.receiveUpdate(fac, close);
      } else {
        board.receiveUpdate(fac, close);
        drafts.receiveUpdate(ada, draft);
      }
      // The drafts room drains first, as it would when its update came first.
      expect(listNotes(drafts.doc)).toHaveLength(draftFirst ? 1 : 0);
      expect(ada.refusals).toEqual(draftFirst ? [] : ['phase']);
      await Promise.all([drafts.flushNow(), board.flushNow()]);
    }
  });
});
