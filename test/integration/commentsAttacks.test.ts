/**
 * Comments and reactions against the real server: honest ones reach the
 * other clients; hand-built Yjs updates that write as someone else, edit or
 * delete someone else's comment or reaction, duplicate a reaction, carry
 * over-long text or point at an unknown item are refused, and nobody else
 * ever sees them (an honest change sent afterwards arrives, the forged one
 * never did).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMENT_TEXT } from '../../shared/documentSchemas';
import { addComment, commentsFor, commentsOf, deleteComment, editComment } from '../../shared/comments';
import { createNote } from '../../shared/notes';
import { addReaction, reactionKey, reactionsFor, reactionsOf, removeReaction } from '../../shared/reactions';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { changeOf, openAttacker, replicaAs, type Attacker } from '../helpers/forgedUpdates';
import { waitFor } from '../helpers/waitFor';

/** A comment written key by key, as a client that skips shared/comments.ts would. */
function rawComment(d: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  commentsOf(d).set(id, m);
}

describe('comments and reactions on the real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  interface Board {
    room: RoomAccess;
    note: string;
    ada: TestClient & { creds: { participantId: string | null } };
    watcher: TestClient;
  }

  /** A room with the facilitator's note, Ada (a participant) connected, and an observer watching. */
  async function board(): Promise<Board> {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room, { role: 'facilitator' });
    const note = createNote(fac.doc, { x: 0, y: 0, text: 'Una ciclabile', author: { id: fac.creds.participantId!, name: 'F', sector: 'other', facilitator: true } });
    const ada = await joinRoom(server, room, { role: 'participant' });
    const watcher = await joinRoom(server, room, { role: 'observer' });
    await waitFor(() => watcher.doc.getMap('notes').has(note) && ada.doc.getMap('notes').has(note), { message: 'the note' });
    fac.destroy();
    return { room, note, ada, watcher };
  }

  const adaAuthor = (b: Board) => ({ id: b.ada.creds.participantId!, name: 'Ada', sector: 'civil' as const });

  /** Ada's honest comment, seen by the watcher: what the attacks then go after. */
  async function adasComment(b: Board): Promise<string> {
    const id = addComment(b.ada.doc, { itemId: b.note, author: adaAuthor(b), text: 'La voglio alberata' })!;
    await waitFor(() => commentsOf(b.watcher.doc).has(id), { message: "Ada's comment reaches the watcher" });
    return id;
  }

  /** After the attacker's refusals, an honest marker change from Ada reaches the watcher: anything forged would have arrived before it. */
  async function settle(b: Board): Promise<void> {
    const marker = addComment(b.ada.doc, { itemId: b.note, author: adaAuthor(b), text: 'marker' })!;
    await waitFor(() => commentsOf(b.watcher.doc).has(marker), { message: 'the marker' });
  }

  async function attacker(b: Board): Promise<Attacker & { id: string }> {
    const creds = await identify(server, b.room, 'participant');
    return Object.assign(await openAttacker(server, b.room.roomId, creds), { id: creds.participantId! });
  }

  it("delivers honest comments, replies, edits and reactions to everyone, with another client's reply", async () => {
    const b = await board();
    const bo = await joinRoom(server, b.room, { role: 'participant' });
    const c = await adasComment(b);
    await waitFor(() => commentsOf(bo.doc).has(c), { message: 'the comment reaches Bo' });
    const reply = addComment(bo.doc, { itemId: b.note, parentId: c, author: { id: bo.creds.participantId!, name: 'Bo', sector: 'public' }, text: 'Anche io' })!;
    addReaction(bo.doc, { itemId: b.note, participantId: bo.creds.participantId!, kind: 'agree', sector: 'public' });
    addReaction(b.ada.doc, { itemId: b.note, participantId: b.ada.creds.participantId!, kind: 'agree', sector: 'civil' });
    editComment(b.ada.doc, c, 'La voglio alberata e illuminata');
    await waitFor(() => reactionsFor(b.watcher.doc, b.note).agree.total === 2 && commentsFor(b.watcher.doc, b.note)[0]?.replies[0]?.id === reply && commentsFor(b.watcher.doc, b.note)[0]?.text.endsWith('illuminata'), {
      message: 'the thread and the reactions at the watcher',
    });
    expect(reactionsFor(b.watcher.doc, b.note).agree.bySector).toEqual({ public: 1, private: 0, civil: 1, other: 0 });
    expect(b.ada.controls.filter((m) => m.t === 'refused')).toEqual([]);
    expect(bo.controls.filter((m) => m.t === 'refused')).toEqual([]);
    bo.destroy();
  });

  it("refuses a comment written under another participant's id", async () => {
    const b = await board();
    const atk = await attacker(b);
    const u = changeOf(replicaAs(b.watcher.doc, 5_000_001), (d) => addComment(d, { id: 'forged-comment-1', itemId: b.note, author: adaAuthor(b), text: 'Ada non lo ha scritto' }));
    atk.sendUpdate(u);
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'not-yours' });
    await settle(b);
    expect(commentsOf(b.watcher.doc).has('forged-comment-1')).toBe(false);
  });

  it("refuses editing and deleting someone else's comment", async () => {
    const b = await board();
    const c = await adasComment(b);
    const atk = await attacker(b);
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_011), (d) => editComment(d, c, 'Testo cambiato')));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_012), (d) => deleteComment(d, c)));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_013), (d) => commentsOf(d).get(c)!.set('authorId', atk.id)));
    const refusals = await atk.refusals(3);
    expect(refusals.map((r) => (r.t === 'refused' ? r.reason : r.t))).toEqual(['not-yours', 'not-yours', 'not-yours']);
    await settle(b);
    expect(commentsFor(b.watcher.doc, b.note)[0]).toMatchObject({ id: c, text: 'La voglio alberata', authorId: b.ada.creds.participantId });
  });

  it("refuses giving a reaction as someone else, taking back someone else's, and a duplicate", async () => {
    const b = await board();
    const mine = { itemId: b.note, participantId: b.ada.creds.participantId!, kind: 'important' as const, sector: 'civil' as const };
    addReaction(b.ada.doc, mine);
    await waitFor(() => reactionsOf(b.watcher.doc).has(reactionKey(mine)), { message: "Ada's reaction" });
    const atk = await attacker(b);
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_021), (d) => removeReaction(d, mine)));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_022), (d) => addReaction(d, { ...mine, kind: 'question' })));
    // A second "important" from Ada can only be the same key: rewriting it is writing as her.
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_023), (d) => reactionsOf(d).set(reactionKey(mine), { sector: 'public', at: 1 })));
    // The attacker's own duplicate under a second key shape is not a key at all.
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_024), (d) => reactionsOf(d).set(`${reactionKey({ ...mine, participantId: atk.id })}:2`, { sector: 'public', at: 1 })));
    const refusals = await atk.refusals(4);
    expect(refusals.map((r) => (r.t === 'refused' ? r.reason : r.t))).toEqual(['not-yours', 'not-yours', 'not-yours', 'schema']);
    await settle(b);
    expect(reactionsFor(b.watcher.doc, b.note).important).toMatchObject({ total: 1, bySector: { civil: 1, public: 0 } });
    expect(reactionsOf(b.watcher.doc).size).toBe(1);
  });

  it('refuses over-long text and comments or reactions on unknown items', async () => {
    const b = await board();
    const c = await adasComment(b);
    const atk = await attacker(b);
    const fields = (authorId: string) => ({ itemId: b.note, itemKind: 'note', parentId: null, authorId, authorName: 'Eve', authorSector: 'private', createdAt: 1, text: 'ok' });
    const long = (d: Y.Doc) => rawComment(d, 'forged-long-01', { ...fields(atk.id), text: 'x'.repeat(MAX_COMMENT_TEXT + 1) });
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_031), long));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_032), (d) => rawComment(d, 'forged-ghost-1', { ...fields(atk.id), itemId: 'ghost-note-01' })));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_033), (d) => reactionsOf(d).set(`ghost-note-01:${atk.id}:agree`, { sector: 'private', at: 1 })));
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_034), (d) => rawComment(d, 'forged-kind-01', { ...fields(atk.id), itemKind: 'scenario', parentId: c })));
    const refusals = await atk.refusals(4);
    expect(refusals.every((r) => r.t === 'refused' && r.reason === 'schema')).toBe(true);
    await settle(b);
    expect([...commentsOf(b.watcher.doc).keys()].filter((k) => k.startsWith('forged'))).toEqual([]);
    expect(reactionsOf(b.watcher.doc).size).toBe(0);
  });

  it('refuses observers and a locked board', async () => {
    const b = await board();
    const obs = await identify(server, b.room, 'observer');
    const watcherAtk = await openAttacker(server, b.room.roomId, obs);
    watcherAtk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_041), (d) => addComment(d, { itemId: b.note, author: adaAuthor(b), text: 'Solo lettura' })));
    expect((await watcherAtk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'read-only' });
    const fac = await joinRoom(server, b.room, { role: 'facilitator' });
    fac.doc.getMap('session').set('locked', true);
    await waitFor(() => b.ada.doc.getMap('session').get('locked') === true, { message: 'the lock' });
    const atk = await attacker(b);
    atk.sendUpdate(changeOf(replicaAs(b.watcher.doc, 5_000_042), (d) => addComment(d, { itemId: b.note, author: { id: atk.id, name: 'Eve', sector: 'private' }, text: 'Bloccato' })));
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'locked' });
    fac.destroy();
  });
});
