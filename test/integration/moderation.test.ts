import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DRAFTS_SUFFIX } from '../../shared/api';
import { encodeControl, type ServerControl } from '../../shared/control';
import { createNote, editNoteText, getNote, listNotes } from '../../shared/notes';
import { encodeSyncStep1 } from '../../shared/protocol';
import { getSession, setPremoderation, setPrivateWriting } from '../../shared/session';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { openRaw, type RawSocket } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

type Queue = Extract<ServerControl, { t: 'moderation' }>;

const contains = (frames: Uint8Array[], text: string): boolean => frames.some((f) => Buffer.from(f).includes(Buffer.from(text)));
/** The facilitator's latest moderation queue. */
const queueOf = (c: TestClient): Queue | undefined => c.controls.filter((m): m is Queue => m.t === 'moderation').at(-1);

/**
 * A participant's raw socket that asked for the whole board and for every
 * control message a participant may get (so a queue sent to the wrong role
 * would show): every byte it is sent is in `frames`.
 */
async function rawParticipant(server: RunningServer, room: RoomAccess): Promise<RawSocket> {
  const who = await identify(server, room, 'participant');
  const wire = await openRaw(server, room.roomId, who.token, who.identityToken!, { params: { control: '1' } });
  wire.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  wire.ws.send(encodeControl({ t: 'hello' }));
  wire.ws.send(encodeControl({ t: 'moderationQueue' }));
  return wire;
}

/** A facilitator's client that said hello, so the server sends it the moderation queue. */
async function joinFacilitator(server: RunningServer, room: RoomAccess) {
  const fac = await joinRoom(server, room);
  await fac.control({ t: 'hello' });
  await waitFor(() => queueOf(fac), { message: 'first moderation queue' });
  return fac;
}

/** A room with pre-moderation on and private writing off, its facilitator and one participant with their drafts open. */
async function moderatedRoom(server: RunningServer) {
  const room = await createRoom(server);
  const fac = await joinFacilitator(server, room);
  setPrivateWriting(fac.doc, false);
  setPremoderation(fac.doc, true);
  const alice = await joinRoom(server, room, { role: 'participant' });
  await waitFor(() => getSession(alice.doc).premoderation, { message: 'pre-moderation reached the participant' });
  const pending = await joinRoom(server, room, { as: alice.creds, docName: room.roomId + DRAFTS_SUFFIX });
  const author = { id: alice.creds.participantId!, name: 'Alice', sector: 'civil' as const, where: 'remote' as const };
  return { room, fac, alice, pending, author };
}

describe('pre-moderation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends a pending note to no other participant until the facilitator approves it, then to everyone', async () => {
    const { room, fac, alice, pending, author } = await moderatedRoom(server);
    const bruno = await rawParticipant(server, room);
    const SECRET = 'IN-ATTESA-di-approvazione-7';
    const id = createNote(pending.doc, { x: 120, y: 80, text: SECRET, author, pending: true });

    // The facilitator's queue lists it with its author and sector.
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id), { message: 'pending note in the queue' });
    expect(queueOf(fac)!.pending.find((i) => i.id === id)).toMatchObject({ kind: 'note', authorId: author.id, authorName: 'Alice', sector: 'civil', text: SECRET });
    // Something public, so Bruno's socket is known to be live and relayed to.
    createNote(fac.doc, { x: 0, y: 0, text: 'pubblico-1', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => contains(bruno.frames, 'pubblico-1'), { message: 'public note reached Bruno' });
    // Bruno hears control messages too: asking for the queue is refused, and the queue never reaches him.
    await waitFor(() => contains(bruno.frames, '"reason":"facilitator-only"'), { message: 'queue refused to Bruno' });
    expect(contains(bruno.frames, SECRET)).toBe(false);
    expect(getNote(alice.doc, id)).toBeNull();

    await fac.control({ t: 'moderate', action: 'approve', kind: 'note', id });
    await waitFor(() => contains(bruno.frames, SECRET), { message: 'approved note reached Bruno' });
    await waitFor(() => getNote(alice.doc, id), { message: 'approved note on the board' });
    expect(getNote(fac.doc, id)).toMatchObject({ text: SECRET, authorId: author.id, x: 120, y: 80, pending: false });
    await waitFor(() => listNotes(pending.doc).length === 0, { message: 'pending note left the drafts' });
    await waitFor(() => alice.controls.some((c) => c.t === 'moderated' && c.id === id && c.outcome === 'approved'), { message: 'author told' });
    await waitFor(() => queueOf(fac)?.pending.length === 0, { message: 'queue emptied' });
  });

  it('keeps participants off the board and out of unsubmitted drafts while it is on', async () => {
    const { fac, alice, pending, author } = await moderatedRoom(server);
    const onBoard = createNote(alice.doc, { x: 0, y: 0, text: 'diretto', author });
    await waitFor(() => alice.controls.find((c) => c.t === 'refused'), { message: 'board write refused' });
    expect(alice.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'moderated' });
    createNote(pending.doc, { x: 0, y: 0, text: 'non inviato', author });
    await waitFor(() => pending.controls.find((c) => c.t === 'refused'), { message: 'unsubmitted draft refused' });
    expect(pending.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'moderated' });
    expect(getNote(fac.doc, onBoard)).toBeNull();
  });

  it('removes a rejected note, tells its author, and never sends it to anyone else', async () => {
    const { room, fac, alice, pending, author } = await moderatedRoom(server);
    const bruno = await rawParticipant(server, room);
    const id = createNote(pending.doc, { x: 0, y: 0, text: 'RIFIUTATA-xyz', author, pending: true });
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id), { message: 'in the queue' });
    await fac.control({ t: 'moderate', action: 'reject', kind: 'note', id });
    await waitFor(() => alice.controls.some((c) => c.t === 'moderated' && c.id === id && c.outcome === 'rejected'), { message: 'author told' });
    await waitFor(() => listNotes(pending.doc).length === 0, { message: 'removed from the drafts' });
    createNote(fac.doc, { x: 0, y: 0, text: 'pubblico-2', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => contains(bruno.frames, 'pubblico-2'), { message: 'Bruno live' });
    expect(contains(bruno.frames, 'RIFIUTATA-xyz')).toBe(false);
    expect(getNote(fac.doc, id)).toBeNull();
  });

  it('turns a reveal of private drafts into notes waiting for approval', async () => {
    const room = await createRoom(server);
    const fac = await joinFacilitator(server, room);
    setPremoderation(fac.doc, true);
    const p = await joinRoom(server, room, { role: 'participant' });
    await waitFor(() => getSession(p.doc).premoderation);
    const drafts = await joinRoom(server, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const id = createNote(drafts.doc, { x: 0, y: 0, text: 'bozza', author: { id: p.creds.participantId!, name: 'P', sector: 'other' } });
    const otherDevice = await joinRoom(server, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
    await waitFor(() => getNote(otherDevice.doc, id), { message: 'draft stored' });
    // Private writing: nobody, the facilitator included, reviews a draft before it is revealed.
    expect(queueOf(fac)!.pending).toEqual([]);
    await fac.control({ t: 'reveal' });
    await waitFor(() => fac.controls.find((c) => c.t === 'revealed'), { message: 'revealed' });
    expect(fac.controls.find((c) => c.t === 'revealed')).toMatchObject({ notes: 0, pending: 1 });
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id), { message: 'draft now pending' });
    expect(getNote(fac.doc, id)).toBeNull();
    await waitFor(() => getNote(drafts.doc, id)?.pending, { message: 'author sees it pending' });
  });

  it('flags pending and board notes with words of the Italian and English lists, without editing them', async () => {
    const { fac, pending, author } = await moderatedRoom(server);
    const it1 = createNote(pending.doc, { x: 0, y: 0, text: 'Che STRONZATA', author, pending: true });
    const en1 = createNote(fac.doc, { x: 300, y: 0, text: 'total bullshit', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    createNote(fac.doc, { x: 600, y: 0, text: 'una classe di assessori', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => (queueOf(fac)?.flagged.length ?? 0) >= 2, { message: 'both flagged' });
    const flagged = queueOf(fac)!.flagged;
    expect(flagged.map((i) => [i.id, i.flags])).toEqual(expect.arrayContaining([[it1, ['stronzata']], [en1, ['bullshit']]]));
    expect(flagged).toHaveLength(2);
    expect(getNote(fac.doc, en1)?.text).toBe('total bullshit');
  });

  it('refuses approval and hiding to anyone but the facilitator', async () => {
    const { room, fac, alice, pending, author } = await moderatedRoom(server);
    const id = createNote(pending.doc, { x: 0, y: 0, text: 'mia', author, pending: true });
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id));
    const board = createNote(fac.doc, { x: 0, y: 0, text: 'resta', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => getNote(alice.doc, board));
    for (const action of ['approve', 'hide'] as const) {
      await alice.control({ t: 'moderate', action, kind: 'note', id: action === 'approve' ? id : board });
    }
    await waitFor(() => alice.controls.filter((c) => c.t === 'refused' && c.reason === 'facilitator-only').length === 2, { message: 'both refused' });
    const observer = await joinRoom(server, room, { role: 'observer' });
    await observer.control({ t: 'moderate', action: 'hide', kind: 'note', id: board });
    await waitFor(() => observer.controls.some((c) => c.t === 'refused' && c.reason === 'facilitator-only'));
    expect(getNote(fac.doc, board)?.text).toBe('resta');
    expect(getNote(fac.doc, id)).toBeNull();
    expect(queueOf(fac)?.pending.some((i) => i.id === id)).toBe(true);
  });
});

describe('hiding and restoring notes', () => {
  it('sends a hidden note to no participant, live or joining, keeps it hidden across a restart, and restores it', async () => {
    const server = await startServer();
    const HIDDEN = 'TESTO-DA-NASCONDERE-93';
    const room = await createRoom(server);
    let restarted: RunningServer | null = null;
    try {
      const fac = await joinFacilitator(server, room);
      setPrivateWriting(fac.doc, false);
      const p = await joinRoom(server, room, { role: 'participant' });
      await waitFor(() => !getSession(p.doc).privateWriting, { message: 'private writing off' });
      const id = createNote(p.doc, { x: 0, y: 0, text: HIDDEN, author: { id: p.creds.participantId!, name: 'P', sector: 'other' } });
      editNoteText(p.doc, id, `${HIDDEN} (modificato)`);
      await waitFor(() => getNote(fac.doc, id)?.text.includes('modificato'), { message: 'note on the board' });
      const live = await rawParticipant(server, room);
      await waitFor(() => contains(live.frames, HIDDEN), { message: 'live participant has the note before it is hidden' });
      const before = live.frames.length;

      await fac.control({ t: 'moderate', action: 'hide', kind: 'note', id });
      await waitFor(() => getNote(p.doc, id) === null, { message: 'hidden for the participant' });
      await waitFor(() => queueOf(fac)?.hidden.some((i) => i.id === id && i.text.startsWith(HIDDEN)), { message: 'listed as hidden' });
      createNote(fac.doc, { x: 0, y: 0, text: 'dopo', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
      await waitFor(() => contains(live.frames, 'dopo'), { message: 'live socket relayed to' });
      expect(contains(live.frames.slice(before), HIDDEN)).toBe(false);
      const late = await rawParticipant(server, room);
      await waitFor(() => contains(late.frames, 'dopo'), { message: 'late joiner synced' });
      expect(contains(late.frames, HIDDEN)).toBe(false);
      fac.destroy();
      p.destroy();
      live.ws.close();
      late.ws.close();

      // Killed, not stopped: no compaction on the way out, the store holds what hiding left it.
      await server.kill();
      restarted = await startServer({ dataDir: server.dataDir });
      // A cold room answers its first join from the stored bytes: they must not hold the text.
      const cold = await rawParticipant(restarted, room);
      await waitFor(() => contains(cold.frames, 'dopo'), { message: 'cold join synced' });
      expect(contains(cold.frames, HIDDEN)).toBe(false);
      const fac2 = await joinFacilitator(restarted, room);
      await waitFor(() => queueOf(fac2)?.hidden.some((i) => i.id === id), { message: 'still hidden after the restart' });
      expect(getNote(fac2.doc, id)).toBeNull();

      await fac2.control({ t: 'moderate', action: 'restore', kind: 'note', id });
      await waitFor(() => contains(cold.frames, HIDDEN), { message: 'restored note reached the participant' });
      await waitFor(() => getNote(fac2.doc, id), { message: 'restored on the board' });
      expect(getNote(fac2.doc, id)).toMatchObject({ text: `${HIDDEN} (modificato)`, authorId: p.creds.participantId });
      await waitFor(() => queueOf(fac2)?.hidden.length === 0, { message: 'no longer hidden' });
    } finally {
      await (restarted ?? server).stop();
    }
  });

  it('leaves no row of hidden or pending notes once the workshop is deleted', async () => {
    const server = await startServer();
    try {
      const { room, fac, pending, author } = await moderatedRoom(server);
      createNote(pending.doc, { x: 0, y: 0, text: 'attende', author, pending: true });
      const id = createNote(fac.doc, { x: 0, y: 0, text: 'da nascondere', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
      await waitFor(() => queueOf(fac)?.pending.length === 1, { message: 'pending stored' });
      await fac.control({ t: 'moderate', action: 'hide', kind: 'note', id });
      await waitFor(() => queueOf(fac)?.hidden.length === 1, { message: 'hidden stored' });
      const res = await fetch(`${server.url}/api/rooms/${room.roomId}`, { method: 'DELETE', headers: { authorization: `Bearer ${room.tokens.facilitator}` } });
      expect(res.status).toBe(204);
      const db = new Database(path.join(server.dataDir, 'tavolo.sqlite'), { readonly: true });
      try {
        const count = (table: string): number =>
          db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE doc_id LIKE ?`).get(`${room.roomId}%`)?.n ?? 0;
        expect(count('updates') + count('snapshots')).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('keeps the hidden document closed to every client', async () => {
    const server = await startServer();
    try {
      const room = await createRoom(server);
      const raw = await openRaw(server, `${room.roomId}~hidden`, room.tokens.facilitator);
      const closed = await raw.closed;
      expect(closed.code).not.toBe(1000);
      expect(raw.frames.length).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
