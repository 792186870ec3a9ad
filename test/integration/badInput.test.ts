import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { createNote, getNote } from '../../shared/notes';
import { encodeUpdate, messageSync, messageYjsUpdate } from '../../shared/protocol';
import { newRoomId } from '../../shared/ids';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { connectClient, joinRoom } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0002', name: 'Dario', sector: 'other' as const };
const MAX = 64 * 1024;

describe('bad input on the sync socket', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX) } });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  /** After each bad client, two good ones in the same room still sync. */
  async function othersStillServed(): Promise<void> {
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    const id = createNote(a.doc, { x: 0, y: 0, text: 'ancora qui', author });
    await waitFor(() => getNote(b.doc, id), { message: 'good clients still sync' });
    a.destroy();
    b.destroy();
  }

  const cases: [string, () => Uint8Array | string, number][] = [
    ['garbage bytes', () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), 1002],
    ['a truncated frame', () => encodeUpdate(new Uint8Array(200)).slice(0, 40), 1002],
    ['an undecodable Yjs update', () => encodeUpdate(crypto.getRandomValues(new Uint8Array(64))), 1002],
    ['trailing bytes after a message', () => new Uint8Array([...encodeUpdate(new Uint8Array([0, 0])), 7, 7]), 1002],
    ['an unknown message type', () => new Uint8Array([9, 0]), 1003],
    ['an unknown sync message type', () => new Uint8Array([messageSync, 7, 0]), 1003],
    ['a text frame', () => 'hello', 1003],
  ];

  for (const [what, frame, code] of cases) {
    it(`closes only the sender of ${what} (${code}) and keeps serving others`, async () => {
      const bystander = await joinRoom(server, room);
      const raw = await openRaw(server, room.roomId, room.tokens.observer);
      raw.ws.send(frame());
      const closed = await raw.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason.length).toBeGreaterThan(0);
      // The bystander's connection was never touched.
      expect(bystander.closes).toEqual([]);
      expect(bystander.provider.wsconnected).toBe(true);
      bystander.destroy();
      await othersStillServed();
    });
  }

  it('refuses a frame over the size limit (1009) and keeps serving others', async () => {
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, messageYjsUpdate);
    encoding.writeVarUint8Array(e, new Uint8Array(MAX + 1024));
    raw.ws.send(encoding.toUint8Array(e));
    expect((await raw.closed).code).toBe(1009);
    await othersStillServed();
  });

  it('closes an unknown room with 4404 and creates nothing', async () => {
    const unknown = newRoomId();
    const client = connectClient(server, unknown);
    await waitFor(() => client.closes[0], { message: 'close event' });
    expect(client.closes[0]?.code).toBe(4404);
    expect(client.doc.share.size).toBe(0);
    client.destroy();
    const raw = await openRaw(server, 'not-a-room-id');
    expect((await raw.closed).code).toBe(4404);
    expect(raw.frames).toEqual([]);
    const res = await fetch(`${server.url}/api/rooms/${unknown}`);
    expect(res.status).toBe(404);
  });

  it('sends no document data before the room is known to exist', async () => {
    const raw = await openRaw(server, newRoomId());
    await raw.closed;
    expect(raw.frames).toHaveLength(0);
  });
});
