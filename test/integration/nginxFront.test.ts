/**
 * The deployment the README describes: nginx configured by deploy/nginx.conf
 * (only ports and file paths replaced) in front of three processes on one
 * PostgreSQL and one Redis, run with TRUST_PROXY=1. Everything goes through
 * nginx: a page's own requests and websocket upgrades, clients spread by
 * its round robin, and a SIGKILLed process's clients coming back through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '../../shared/notes';
import WebSocket from 'ws';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { connectClient, type TestClient } from '../helpers/yclient';
import { nginxMissing, startNginx, type RunningNginx } from '../helpers/nginx';
import { createTestSchema, findPostgres, type TestSchema } from '../helpers/postgres';
import { findRedis } from '../helpers/redis';
import { waitFor } from '../helpers/waitFor';

const [pgFound, redisFound] = await Promise.all([findPostgres(), findRedis()]);
const skip = 'skip' in pgFound ? pgFound.skip : 'skip' in redisFound ? redisFound.skip : nginxMissing();
if (skip) console.warn(`skipping the nginx deployment tests: ${skip}`);

const START_TIMEOUT_MS = 60_000;
const PROCESSES = 3;

/** nginx as the tests' server: the helpers create rooms and open sockets at its address. */
const front = (nginx: RunningNginx): RunningServer => ({
  url: nginx.httpUrl,
  wsUrl: nginx.wsUrl,
  port: nginx.port,
  pid: nginx.pid,
  dataDir: '',
  stop: () => nginx.stop(),
  kill: () => nginx.stop(),
  output: () => nginx.output(),
});

/** Sockets each process opened for the room, from its "connection opened" log lines. */
const openedOn = (s: RunningServer, roomId: string): number =>
  s.output().split('\n').filter((l) => l.includes(`"roomId":"${roomId}"`) && l.includes('"msg":"connection opened"')).length;

const notesText = (doc: Y.Doc): string => JSON.stringify(listNotes(doc).map((n) => [n.id, n.text]).sort());

describe.skipIf(skip !== null)('nginx from deploy/nginx.conf in front of three processes', () => {
  let schema: TestSchema;
  let servers: RunningServer[] = [];
  let nginx: RunningNginx;
  let via: RunningServer;

  beforeAll(async () => {
    schema = await createTestSchema((pgFound as { url: string }).url);
    const env = {
      DATABASE_URL: schema.url,
      PG_SCHEMA: schema.schema,
      REDIS_URL: (redisFound as { url: string }).url,
      PG_POOL_SIZE: '4',
      TRUST_PROXY: '1',
      // Connection logs tell which process each socket reached.
      LOG_LEVEL: 'info',
    };
    servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer({ env, startTimeoutMs: START_TIMEOUT_MS })));
    nginx = await startNginx(servers.map((s) => s.port));
    via = front(nginx);
  }, START_TIMEOUT_MS * 2);
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(servers.map((s) => s.kill()));
    await schema?.drop();
  });

  it("accepts a page's own requests and sockets through it, with the port in the origin", async () => {
    // A browser on http://127.0.0.1:<nginx port> sends that as its Origin; nginx must pass the Host with the port.
    const res = await fetch(`${via.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: via.url },
      body: JSON.stringify({ title: 'Contratto di fiume' }),
    });
    expect(res.status).toBe(201);
    const room = (await res.json()) as RoomAccess;
    expect(room.links.facilitator.startsWith(`${via.url}/`)).toBe(true);

    const creds = await identify(via, room, 'facilitator');
    const socket = new WebSocket(`${via.wsUrl}/sync/${room.roomId}?${new URLSearchParams({ token: creds.token, identity: creds.identityToken! })}`, { origin: via.url });
    const opened = await new Promise<boolean>((resolve) => {
      socket.once('open', () => resolve(true));
      socket.once('unexpected-response', () => resolve(false));
      socket.once('error', () => resolve(false));
    });
    socket.close();
    expect(opened).toBe(true);
  });

  it('spreads clients over the three processes, converges them, and brings a SIGKILLed process’s clients back through it', async () => {
    const room = await createRoom(via);
    const creds = await identify(via, room, 'facilitator');
    const author = { id: creds.participantId!, name: 'N', sector: 'public' as const };
    const clients: TestClient[] = [];
    for (let i = 0; i < PROCESSES * 2; i++) {
      const c = connectClient(via, room.roomId, { as: creds });
      await waitFor(() => c.provider.synced, { message: `client ${i} synced through nginx` });
      clients.push(c);
    }
    // Each nginx worker takes turns on its own; three sockets in a row on one of them reach every process.
    expect(servers.map((s) => openedOn(s, room.roomId) > 0)).toEqual([true, true, true]);

    clients.forEach((c, i) => createNote(c.doc, { x: 0, y: 0, text: `before ${i}`, author }));
    await waitFor(() => clients.every((c) => listNotes(c.doc).length === clients.length), { message: 'every note everywhere' });

    await servers[PROCESSES - 1]!.kill();
    // Written while their process is gone: kept by the clients, sent again once they are back.
    clients.forEach((c, i) => createNote(c.doc, { x: 0, y: 0, text: `after ${i}`, author }));
    await waitFor(
      () => clients.every((c) => c.provider.wsconnected && listNotes(c.doc).length === clients.length * 2 && notesText(c.doc) === notesText(clients[0]!.doc)),
      { message: 'every client back and converged', timeoutMs: 20_000 },
    );
    expect(openedOn(servers[0]!, room.roomId) + openedOn(servers[1]!, room.roomId)).toBeGreaterThanOrEqual(6);
  });
});
