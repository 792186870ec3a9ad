import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createNote } from '../../shared/notes';
import { encodeControl, messageControl } from '../../shared/control';
import { encodeUpdate } from '../../shared/protocol';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { metric } from '../helpers/metrics';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0004', name: 'Ugo', sector: 'private' as const };

/** A `ws` socket that notes the message type of every frame it receives. */
function recordingSocket(types: number[]): typeof globalThis.WebSocket {
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      // y-websocket sets binaryType 'arraybuffer', so frames arrive as ArrayBuffers.
      this.on('message', (data: Buffer | ArrayBuffer) => types.push(new Uint8Array(data)[0]!));
    }
  }
  return Recording as unknown as typeof globalThis.WebSocket;
}

describe('Tavolo control messages go only to clients that asked', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer();
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends a stock y-websocket client no type-7 frame, even when its update is refused or notes are revealed', async () => {
    const consoleError = vi.spyOn(console, 'error');
    onTestFinished(() => consoleError.mockRestore());
    const types: number[] = [];
    const doc = new Y.Doc();
    const stock = new WebsocketProvider(`${server.wsUrl}/sync`, room.roomId, doc, {
      params: { token: room.tokens.observer },
      WebSocketPolyfill: recordingSocket(types),
      disableBc: true,
    });
    onTestFinished(() => stock.destroy());
    await waitFor(() => stock.synced, { message: 'stock client synced' });
    const fac = await joinRoom(server, room);

    // An observer may not write: the server refuses it (and would say so with a control message).
    const refusedBefore = await metric(server, 'tavolo_refused_updates_total');
    createNote(doc, { x: 0, y: 0, text: 'non posso', author });
    await waitFor(async () => (await metric(server, 'tavolo_refused_updates_total')) > refusedBefore, { message: 'refusal counted' });
    // A reveal is announced to every peer of the room.
    await fac.control({ t: 'reveal' });
    await waitFor(() => fac.controls.find((c) => c.t === 'revealed'), { message: 'facilitator told of the reveal' });
    // Awareness and sync traffic reached the stock client after both events.
    fac.provider.awareness.setLocalStateField('user', { name: 'Fac' });
    await waitFor(() => types.includes(1), { message: 'awareness reached the stock client' });

    expect(types.length).toBeGreaterThan(0);
    expect(types).not.toContain(messageControl);
    expect(consoleError.mock.calls.flat().join(' ')).not.toContain('Unable to compute message');
    fac.destroy();
  });

  it('answers a hello with the welcome, and sends control messages from then on', async () => {
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    await waitFor(() => raw.frames.length > 0, { message: 'sync step 1' });
    raw.ws.send(encodeControl({ t: 'hello' }));
    await waitFor(() => raw.frames.find((f) => f[0] === messageControl), { message: 'welcome' });
    raw.ws.close();
  });

  it('sends control messages from the first frame to a client that connects with ?control=1', async () => {
    const raw = await openRaw(server, room.roomId, room.tokens.observer, undefined, { params: { control: '1' } });
    const forged = new Y.Doc();
    createNote(forged, { x: 0, y: 0, text: 'nemmeno io', author });
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(forged)));
    const frame = await waitFor(() => raw.frames.find((f) => f[0] === messageControl), { message: 'refusal' });
    expect(new TextDecoder().decode(frame)).toContain('"refused"');
    raw.ws.close();
  });

  it('still tells a Tavolo participant why its update was refused', async () => {
    const creds = await identify(server, room, 'participant');
    const p = await joinRoom(server, room, { as: creds });
    const fac = await joinRoom(server, room);
    // Participants may not rename the workshop.
    p.doc.getMap('session').set('title', 'mio');
    await waitFor(() => p.controls.find((c) => c.t === 'refused'), { message: 'refusal' });
    p.destroy();
    fac.destroy();
  });
});
