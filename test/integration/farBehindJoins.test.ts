/**
 * Joiners whose state vector lacks most of the board take the board shared
 * with empty joiners (server/rooms/room.ts, lacksMostOf). Attackers write
 * their state vectors by hand: clocks far ahead of the room's, thousands of
 * unknown client ids, a truncated vector. Each gets an answer it can apply
 * or a clean close, and the room keeps serving everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { createNote, getNote } from '../../shared/notes';
import { decodeMessage, messageSync } from '../../shared/protocol';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0003', name: 'Elena', sector: 'public' as const };

/** A sync step 1 carrying `stateVector` as given. */
function step1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageSync);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** A state vector written entry by entry, as `Y.encodeStateVector` would write this map. */
function stateVectorOf(entries: [number, number][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
  }
  return encoding.toUint8Array(e);
}

describe('joiners far behind, and state vectors written by hand', () => {
  let server: RunningServer;
  let room: RoomAccess;
  let noteId = '';
  let roomClocks = new Map<number, number>();
  beforeAll(async () => {
    server = await startServer();
    room = await createRoom(server);
  });
  /** One note in the room, written by a real client (inside a test: clients close with it). */
  async function seeded(): Promise<void> {
    if (noteId) return;
    const writer = await joinRoom(server, room);
    noteId = createNote(writer.doc, { x: 0, y: 0, text: 'la piazza del mercato', author });
    const reader = await joinRoom(server, room);
    await waitFor(() => getNote(reader.doc, noteId), { message: 'the note stored' });
    roomClocks = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
  }
  afterAll(async () => {
    await server.stop();
  });

  async function answerTo(stateVector: Uint8Array): Promise<Y.Doc> {
    await seeded();
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    raw.ws.send(step1(stateVector));
    const frame = await waitFor(() => raw.frames.find((f) => decodeMessage(f).kind === 'sync-step2'), { message: 'a sync step 2' });
    const m = decodeMessage(frame);
    if (m.kind !== 'sync-step2') throw new Error('unreachable');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, m.update);
    raw.ws.close();
    return doc;
  }

  it('sends the whole board to a joiner claiming only clients the room has never seen', async () => {
    const unknown: [number, number][] = Array.from({ length: 5000 }, (_, i) => [1_000_000 + i, 1]);
    const doc = await answerTo(stateVectorOf(unknown));
    expect(getNote(doc, noteId)?.text).toBe('la piazza del mercato');
  });

  it('answers a joiner claiming clocks far ahead of the room with a diff it can apply', async () => {
    await seeded();
    const ahead = [...roomClocks].map(([client, clock]): [number, number] => [client, clock + 1_000_000]);
    const doc = await answerTo(stateVectorOf(ahead));
    expect(getNote(doc, noteId)).toBeNull();
  });

  it('closes a socket sending a truncated state vector, and keeps serving the room', async () => {
    await seeded();
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    raw.ws.send(step1(stateVectorOf([[1, 1], [2, 2]]).slice(0, 3)));
    const closed = await raw.closed;
    expect(closed.code).toBe(1002);
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    expect(getNote(b.doc, noteId)?.text).toBe('la piazza del mercato');
    const id = createNote(a.doc, { x: 10, y: 10, text: 'ancora qui', author });
    await waitFor(() => getNote(b.doc, id), { message: 'the room still relays' });
  });
});
