import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createNote, listNotes } from '../../shared/notes';
import { messageControl } from '../../shared/control';
import { encodeAwareness, encodeUpdate } from '../../shared/protocol';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw, rawRequest, upgradeRequest } from '../helpers/rawSocket';
import { metric } from '../helpers/metrics';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0005', name: 'Nina', sector: 'public' as const };

/** A valid Yjs update of at least `bytes` bytes (notes, each text clipped to its maximum). */
function bigUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  let update = Y.encodeStateAsUpdate(doc);
  while (update.byteLength < bytes) {
    createNote(doc, { x: 0, y: 0, text: 'x'.repeat(1000), author });
    update = Y.encodeStateAsUpdate(doc);
  }
  return update;
}

/** An awareness frame from a throwaway client with this state. */
function presenceFrame(state: Record<string, unknown>, aw = new Awareness(new Y.Doc())): Uint8Array {
  aw.setLocalState(state);
  return encodeAwareness(encodeAwarenessUpdate(aw, [aw.clientID]));
}

describe('per-connection limits on what a client sends', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer({
      env: {
        MAX_MESSAGE_BYTES: String(64 * 1024),
        UPDATE_RATE_LIMIT: '20',
        UPDATE_BYTES_PER_SECOND: String(64 * 1024),
        AWARENESS_MAX_BYTES: '4096',
        AWARENESS_RATE_LIMIT: '5',
      },
    });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes a client sending too many updates per second with 4529, loses none of its notes and keeps serving others', async () => {
    const bystander = await joinRoom(server, room);
    const flooder = await joinRoom(server, room);
    // 200 separate transactions: 200 update frames in one burst, ten times the rate.
    for (let i = 0; i < 200; i++) createNote(flooder.doc, { x: i, y: 0, text: `nota ${i}`, author });
    await waitFor(() => flooder.closes.find((c) => c.code === 4529), { message: 'rate-limit close' });
    expect(flooder.closes.find((c) => c.code === 4529)?.reason).toMatch(/too many updates/);
    // The client reconnects and resyncs: every note reaches the bystander.
    await waitFor(() => listNotes(bystander.doc).length >= 200, { message: 'all notes after the resync', timeoutMs: 20_000 });
    expect(bystander.closes).toEqual([]);
    expect(await metric(server, 'tavolo_refused_updates_total', { reason: 'rate-limit' })).toBeGreaterThan(0);
    bystander.destroy();
    flooder.destroy();
  });

  it('closes a client sending too many update bytes per second with 4529', async () => {
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    // 40 KB each, 64 KiB a second: the second or third frame crosses (observers' updates are refused, but counted first).
    for (let i = 0; i < 4; i++) raw.ws.send(encodeUpdate(bigUpdate(40_000)));
    const closed = await raw.closed;
    expect(closed.code).toBe(4529);
  });

  it('drops a presence state over the size limit, tells the client, and keeps its connection', async () => {
    const bystander = await joinRoom(server, room);
    const raw = await openRaw(server, room.roomId, room.tokens.observer, undefined, { params: { control: '1' } });
    const aw = new Awareness(new Y.Doc());
    raw.ws.send(presenceFrame({ blob: 'x'.repeat(20_000) }, aw));
    const notice = await waitFor(() => raw.frames.find((f) => f[0] === messageControl), { message: 'limited notice' });
    expect(new TextDecoder().decode(notice)).toMatch(/"t":"limited".*awareness-size/);
    expect(bystander.provider.awareness.getStates().has(aw.clientID)).toBe(false);
    // A normal presence from the same socket still goes through.
    raw.ws.send(presenceFrame({ cursor: { x: 1, y: 2 } }, aw));
    await waitFor(() => bystander.provider.awareness.getStates().has(aw.clientID), { message: 'small presence relayed' });
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.ws.close();
    bystander.destroy();
  });

  it('drops presence updates over the rate limit and keeps the connection', async () => {
    const raw = await openRaw(server, room.roomId, room.tokens.observer, undefined, { params: { control: '1' } });
    const aw = new Awareness(new Y.Doc());
    const before = await metric(server, 'tavolo_limits_total', { limit: 'awareness-rate' });
    for (let i = 0; i < 30; i++) raw.ws.send(presenceFrame({ cursor: { x: i, y: i } }, aw));
    await waitFor(async () => (await metric(server, 'tavolo_limits_total', { limit: 'awareness-rate' })) > before, { message: 'rate drops counted' });
    await waitFor(() => raw.frames.find((f) => f[0] === messageControl), { message: 'limited notice' });
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.ws.close();
  });
});

describe('limits on connections, behind a trusted proxy', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer({
      env: { TRUST_PROXY: '1', MAX_CONNECTIONS_PER_ADDRESS: '3', MAX_CONNECTIONS_PER_ROOM: '5', ROOM_CREATE_LIMIT: '2' },
    });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  const from = (addr: string) => ({ headers: { 'x-forwarded-for': addr } });
  const upgradeFrom = (addr: string, roomId = room.roomId) =>
    rawRequest(server, upgradeRequest(`/sync/${roomId}?token=${room.tokens.observer}`, { 'X-Forwarded-For': addr }));

  it('limits sockets per client address, telling clients behind one proxy apart', async () => {
    const open = await Promise.all([1, 2, 3].map(() => openRaw(server, room.roomId, room.tokens.observer, undefined, from('203.0.113.7'))));
    const refused = await upgradeFrom('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.head).toContain('application/json');
    // Another client behind the same proxy has its own allowance; a spoofed first hop does not help.
    expect((await upgradeFrom('198.51.100.4')).status).toBe(101);
    expect((await upgradeFrom('198.51.100.99, 203.0.113.7')).status).toBe(429);
    for (const r of open) r.ws.close();
    await Promise.all(open.map((r) => r.closed));
    await waitFor(async () => (await upgradeFrom('203.0.113.7')).status === 101, { message: 'allowance back once closed' });
  });

  it('limits sockets per room and keeps serving other rooms', async () => {
    const busy = await createRoom(server);
    const open = await Promise.all([1, 2, 3, 4, 5].map((i) => openRaw(server, busy.roomId, busy.tokens.observer, undefined, from(`192.0.2.${i}`))));
    const full = await rawRequest(server, upgradeRequest(`/sync/${busy.roomId}?token=${busy.tokens.observer}`, { 'X-Forwarded-For': '192.0.2.9' }));
    expect(full.status).toBe(503);
    expect(full.head).toContain('application/json');
    const other = await joinRoom(server, room);
    expect(other.provider.synced).toBe(true);
    other.destroy();
    for (const r of open) r.ws.close();
  });

  it('rate-limits room creation per client address behind the proxy', async () => {
    const create = (addr: string) =>
      fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': addr }, body: '{"title":"t"}' });
    expect((await create('203.0.113.50')).status).toBe(201);
    expect((await create('203.0.113.50')).status).toBe(201);
    expect((await create('203.0.113.50')).status).toBe(429);
    expect((await create('203.0.113.51')).status).toBe(201);
  });
});

describe('limit on rooms loaded at once', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_LOADED_ROOMS: '2' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses to load one room more than the cap with 1013, and accepts it once another unloads', async () => {
    const [a, b, c] = await Promise.all([createRoom(server), createRoom(server), createRoom(server)]);
    const inA = await joinRoom(server, a);
    const inB = await joinRoom(server, b);
    const raw = await openRaw(server, c.roomId, c.tokens.observer);
    const closed = await raw.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/room capacity/);
    // A second socket on a loaded room is no extra room.
    const alsoA = await joinRoom(server, a);
    alsoA.destroy();
    inB.destroy();
    await waitFor(async () => (await metric(server, 'tavolo_rooms_loaded')) < 2, { message: 'room b unloaded' });
    const inC = await joinRoom(server, c);
    expect(inC.provider.synced).toBe(true);
    inA.destroy();
    inC.destroy();
  });
});

describe('server-wide cap on buffered outgoing bytes', () => {
  let server: RunningServer;
  let room: RoomAccess;
  const MiB = 1024 * 1024;
  beforeAll(async () => {
    server = await startServer({
      env: {
        MAX_TOTAL_BUFFERED_BYTES: String(8 * MiB),
        // Each slow reader alone stays under its own cap: only the total can stop them.
        MAX_BUFFERED_BYTES: String(256 * MiB),
        MAX_MESSAGE_BYTES: String(2 * MiB),
        AWARENESS_MAX_BYTES: String(2 * MiB),
        AWARENESS_RATE_LIMIT: '1000',
      },
    });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('drops the slowest readers when the total passes the cap, and keeps serving a reader that keeps up', async () => {
    const fast = await joinRoom(server, room);
    const slow = await Promise.all(Array.from({ length: 10 }, () => openRaw(server, room.roomId, room.tokens.observer)));
    await waitFor(() => slow.every((s) => s.frames.length > 0), { message: 'slow readers admitted' });
    // They stop reading: what the server sends them piles up in its memory.
    for (const s of slow) s.ws.pause();
    const writer = await openRaw(server, room.roomId, room.tokens.observer);
    const aw = new Awareness(new Y.Doc());
    let maxBuffered = 0;
    let maxRss = 0;
    for (let i = 0; i < 60; i++) {
      writer.ws.send(presenceFrame({ blob: `${i}:${'x'.repeat(512 * 1024)}` }, aw));
      // Paced by the reader that keeps up: each state reaches it before the next is sent.
      await waitFor(() => String((fast.provider.awareness.getStates().get(aw.clientID) as { blob?: string } | undefined)?.blob).startsWith(`${i}:`), {
        message: `presence ${i} reached the fast reader`,
      });
      if (i % 10 === 9) {
        maxBuffered = Math.max(maxBuffered, await metric(server, 'tavolo_buffered_bytes'));
        maxRss = Math.max(maxRss, await metric(server, 'process_resident_memory_bytes'));
      }
    }
    expect(await metric(server, 'tavolo_limits_total', { limit: 'total-buffered-bytes' })).toBeGreaterThanOrEqual(1);
    // 10 readers × 60 × 512 KiB = 300 MiB would have been queued; the cap holds it near 8 MiB.
    expect(maxBuffered).toBeLessThan(16 * MiB);
    console.info(`buffered at most ${(maxBuffered / MiB).toFixed(1)} MiB, RSS at most ${(maxRss / MiB).toFixed(0)} MiB`);
    await waitFor(async () => (await metric(server, 'tavolo_connections')) <= 2, { message: 'slow readers gone' });
    expect(fast.closes).toEqual([]);
    expect(fast.provider.wsconnected).toBe(true);
    for (const s of slow) s.ws.terminate();
    writer.ws.close();
    fast.destroy();
  });
});
