import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, getNote, listNotes } from '../../shared/notes';
import { encodeSyncStep1 } from '../../shared/protocol';
import { DRAFTS_SUFFIX } from '../../shared/api';
import { getSession, setPhase } from '../../shared/session';
import * as Y from 'yjs';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { createRoom, identify, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

const SECRET = 'SEGRETO-idea-42';
const contains = (frames: Uint8Array[], text: string): boolean => {
  const needle = Buffer.from(text);
  return frames.some((f) => Buffer.from(f).includes(needle));
};

describe('private writing in Listening', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('keeps drafts from everyone else, on the wire, until the facilitator reveals them', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const alice = await joinRoom(server, room, { role: 'participant' });
    const bruno = await identify(server, room, 'participant');
    // Bruno's socket, read byte by byte: it asks for the whole board and gets every relay.
    const wire = await openRaw(server, room.roomId, bruno.token, bruno.identityToken!);
    wire.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const observerWire = await openRaw(server, room.roomId, room.tokens.observer);
    observerWire.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));

    const drafts = await joinRoom(server, room, { as: alice.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const id = createNote(drafts.doc, { x: 10, y: 10, text: SECRET, author: { id: alice.creds.participantId!, name: 'Alice', sector: 'civil', where: 'room' } });

    // The draft is stored: a second device of Alice's sees it.
    const otherDevice = await joinRoom(server, room, { as: alice.creds, docName: room.roomId + DRAFTS_SUFFIX });
    await waitFor(() => getNote(otherDevice.doc, id), { message: 'draft synced to the same participant' });

    // Meanwhile something public happens, so we know Bruno's socket is live and relayed to.
    const marker = createNote(fac.doc, { x: 0, y: 0, text: 'pubblico', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => contains(wire.frames, 'pubblico'), { message: 'public note reached Bruno' });
    expect(contains(wire.frames, SECRET)).toBe(false);
    expect(contains(observerWire.frames, SECRET)).toBe(false);
    expect(getNote(fac.doc, id)).toBeNull();
    expect(getNote(fac.doc, marker)).not.toBeNull();

    await fac.control({ t: 'reveal' });
    await waitFor(() => contains(wire.frames, SECRET), { message: 'revealed note reached Bruno' });
    await waitFor(() => getNote(fac.doc, id), { message: 'revealed on the board' });
    expect(getNote(fac.doc, id)).toMatchObject({ text: SECRET, authorId: alice.creds.participantId, where: 'room' });
    await waitFor(() => listNotes(drafts.doc).length === 0, { message: 'drafts emptied' });
    await waitFor(() => fac.controls.find((c) => c.t === 'revealed'));
    expect(fac.controls.find((c) => c.t === 'revealed')).toMatchObject({ notes: 1 });
  });

  it('sends participants to their drafts while private writing is on', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const p = await joinRoom(server, room, { role: 'participant' });
    const id = createNote(p.doc, { x: 0, y: 0, text: 'in chiaro', author: { id: p.creds.participantId!, name: 'P', sector: 'other' } });
    await waitFor(() => p.controls.find((c) => c.t === 'refused'));
    expect(p.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'private-writing' });
    expect(getNote(fac.doc, id)).toBeNull();
  });

  it('closes drafts when the phase moves on, and only the facilitator may reveal', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const p = await joinRoom(server, room, { role: 'participant' });
    await p.control({ t: 'reveal' });
    await waitFor(() => p.controls.find((c) => c.t === 'refused'));
    expect(p.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'facilitator-only' });

    setPhase(fac.doc, 'discussion');
    await waitFor(() => getSession(p.doc).phase === 'discussion', { message: 'phase reached the participant' });
    const drafts = await joinRoom(server, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
    createNote(drafts.doc, { x: 0, y: 0, text: 'tardi', author: { id: p.creds.participantId!, name: 'P', sector: 'other' } });
    await waitFor(() => drafts.controls.find((c) => c.t === 'refused'));
    expect(drafts.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'phase' });
  });

  it('keeps drafts across a server restart', async () => {
    const s = await startServer();
    const room = await createRoom(s);
    const p = await joinRoom(s, room, { role: 'participant' });
    const drafts = await joinRoom(s, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const id = createNote(drafts.doc, { x: 0, y: 0, text: 'resisto', author: { id: p.creds.participantId!, name: 'P', sector: 'other' } });
    const check = await joinRoom(s, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
    await waitFor(() => getNote(check.doc, id));
    p.destroy();
    drafts.destroy();
    check.destroy();
    await s.kill();
    const again = await startServer({ dataDir: s.dataDir });
    try {
      const back = await joinRoom(again, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
      expect(getNote(back.doc, id)?.text).toBe('resisto');
    } finally {
      await again.stop();
    }
  });
});

describe('revealing drafts written on several phones', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lays the revealed notes out so that no two overlap, even when every phone wrote at the same spot', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    createNote(fac.doc, { x: 40, y: 40, text: 'già sul tavolo', author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    const ids: string[] = [];
    for (const name of ['Ada', 'Bea', 'Caio']) {
      const p = await joinRoom(server, room, { role: 'participant' });
      const drafts = await joinRoom(server, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
      for (const k of [1, 2]) {
        ids.push(createNote(drafts.doc, { x: 40, y: 40, text: `${name} ${k}`, author: { id: p.creds.participantId!, name, sector: 'civil' } }));
      }
      // The server has them once another device of the same person sees them.
      const check = await joinRoom(server, room, { as: p.creds, docName: room.roomId + DRAFTS_SUFFIX });
      await waitFor(() => listNotes(check.doc).length === 2, { message: `${name}'s drafts stored` });
    }
    await fac.control({ t: 'reveal' });
    await waitFor(() => listNotes(fac.doc).length === 7, { message: 'all six drafts revealed' });
    const notes = listNotes(fac.doc);
    for (let i = 0; i < notes.length; i++)
      for (let j = i + 1; j < notes.length; j++) {
        const [a, b] = [notes[i]!, notes[j]!];
        expect(Math.abs(a.x - b.x) < NOTE_WIDTH && Math.abs(a.y - b.y) < NOTE_HEIGHT, `${a.text} overlaps ${b.text}`).toBe(false);
      }
  });
});
