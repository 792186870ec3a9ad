import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, getNote } from '../../shared/notes';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { metric, sample, scrape } from '../helpers/metrics';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0006', name: 'Teo', sector: 'other' as const };

describe('operations: metrics and logs', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'info' } });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves Prometheus text on /metrics with rooms, connections, traffic, persistence, close codes and event-loop lag', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'tavolo_rooms_loaded',
      'tavolo_connections',
      'tavolo_updates_in_total',
      'tavolo_updates_out_total',
      'tavolo_refused_updates_total',
      'tavolo_connections_closed_total',
      'tavolo_buffered_bytes',
      'tavolo_persist_seconds_bucket',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text, name).toContain(name);
    }
  });

  it('counts updates in and out, persist latency, refusals and close codes as clients work', async () => {
    const before = await scrape(server);
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    expect(await metric(server, 'tavolo_connections')).toBeGreaterThanOrEqual(2);
    expect(await metric(server, 'tavolo_rooms_loaded')).toBeGreaterThanOrEqual(1);
    const id = createNote(a.doc, { x: 0, y: 0, text: 'misurata', author });
    await waitFor(() => getNote(b.doc, id), { message: 'note relayed' });
    const after = await scrape(server);
    const grew = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(grew('tavolo_updates_in_total')).toBeGreaterThanOrEqual(1);
    expect(grew('tavolo_updates_out_total')).toBeGreaterThanOrEqual(1);
    expect(grew('tavolo_persist_seconds_count')).toBeGreaterThanOrEqual(1);

    const observer = await joinRoom(server, room, { role: 'observer' });
    createNote(observer.doc, { x: 1, y: 1, text: 'vietata', author });
    await waitFor(async () => (await metric(server, 'tavolo_refused_updates_total', { reason: 'read-only' })) >= 1, { message: 'refusal counted' });

    const raw = await openRaw(server, room.roomId, 'not-a-token');
    expect((await raw.closed).code).toBe(4401);
    await waitFor(async () => (await metric(server, 'tavolo_connections_closed_total', { code: '4401' })) >= 1, { message: 'close code counted' });
    for (const c of [a, b, observer]) c.destroy();
  });

  it('logs requests and connections without tokens, identities or join codes', async () => {
    const creds = await identify(server, room, 'participant');
    const p = await joinRoom(server, room, { as: creds });
    p.destroy();
    const raw = await openRaw(server, room.roomId, room.tokens.observer);
    raw.ws.close();
    await fetch(`${server.url}/j/K7P2Q-X9M4T`);
    await fetch(`${server.url}/r/${room.roomId}?token=${room.tokens.facilitator}`);
    await waitFor(() => /"connection closed"/.test(server.output()) && /"path":"\/j\/:code"/.test(server.output()), { message: 'logs written' });
    const out = server.output();
    expect(out).toMatch(/"msg":"request"/);
    expect(out).toMatch(/"msg":"connection opened"/);
    for (const secret of [...Object.values(room.tokens), creds.identityToken!, 'K7P2Q-X9M4T']) expect(out).not.toContain(secret);
  });
});

describe('who may read /metrics', () => {
  let local: RunningServer;
  let guarded: RunningServer;
  beforeAll(async () => {
    [local, guarded] = await Promise.all([startServer(), startServer({ env: { METRICS_TOKEN: 'scrape-secret-0123456789' } })]);
  });
  afterAll(async () => {
    await Promise.all([local.stop(), guarded.stop()]);
  });

  it('without a token: a direct local request only, not one relayed by a proxy', async () => {
    expect((await fetch(`${local.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${local.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
    expect((await fetch(`${local.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(401);
  });

  it('with METRICS_TOKEN: only a request bearing it', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('tavolo_connections');
  });
});
