import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_ID_PATTERN } from '../../shared/ids';
import { RoomInfo } from '../../shared/api';
import { createNote } from '../../shared/notes';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

describe('HTTP API', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const post = (body: string, type = 'application/json'): Promise<Response> =>
    fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': type }, body });

  it('creates rooms with unguessable URL-safe ids', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await post(JSON.stringify({ title: 'Alleanza per la famiglia' }));
      expect(res.status).toBe(201);
      const { roomId } = (await res.json()) as { roomId: string };
      expect(roomId).toMatch(ROOM_ID_PATTERN);
      ids.add(roomId);
    }
    expect(ids.size).toBe(20);
  });

  it('describes a room with its title and live counts', async () => {
    const room = await createRoom(server, 'Sviluppo locale');
    const client = await joinRoom(server, room);
    createNote(client.doc, { x: 0, y: 0, text: 'uno', author: { id: 'p-00000001', name: 'E', sector: 'public' } });
    const info = await waitFor(async () => {
      const res = await fetch(`${server.url}/api/rooms/${room.roomId}`);
      const body = RoomInfo.parse(await res.json());
      return body.notes === 1 ? body : null;
    });
    expect(info).toMatchObject({ roomId: room.roomId, title: 'Sviluppo locale', notes: 1, scenarios: 0, connections: 1 });
    client.destroy();
  });

  it('answers 404 with a JSON error for unknown rooms', async () => {
    const res = await fetch(`${server.url}/api/rooms/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'room_not_found', message: expect.any(String) } });
  });

  it.each([
    ['malformed JSON', '{"title":', 'invalid_json'],
    ['a missing title', '{}', 'invalid_body'],
    ['an empty title', '{"title":"   "}', 'invalid_body'],
    ['a title that is not a string', '{"title":42}', 'invalid_body'],
    ['unknown fields', '{"title":"ok","admin":true}', 'invalid_body'],
    ['a title over the length limit', JSON.stringify({ title: 'x'.repeat(500) }), 'invalid_body'],
    ['a JSON array', '[]', 'invalid_body'],
  ])('rejects %s with 400 and a JSON error', async (_what, body, code) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(0);
  });

  it('rejects oversized bodies with 413', async () => {
    // Room creation takes up to 5 MB (an imported board); test/integration/exports.test.ts checks 16 kB elsewhere.
    const res = await post(JSON.stringify({ title: 'x'.repeat(6_000_000) }));
    expect(res.status).toBe(413);
  });

  it('reports health with loaded rooms and open connections', async () => {
    const room = await createRoom(server);
    const client = await joinRoom(server, room);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rooms: number; connections: number };
    expect(body.rooms).toBeGreaterThanOrEqual(1);
    expect(body.connections).toBeGreaterThanOrEqual(1);
    client.destroy();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
