/**
 * Two server processes on one PostgreSQL and one Redis both run the durable
 * schedule that closes consultation windows. When both reach the deadline
 * together, each window is closed, recorded among the past windows and its
 * voting round revealed by one of them only: read back from the database
 * once both processes have stopped, and from their logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote } from '../../shared/notes';
import { readSession, type ConsultationWindow } from '../../shared/schema';
import { listRoundResults, readVotingStatus, resultsOf, roundKey } from '../../shared/voting';
import type { ServerControl } from '../../shared/control';
import { createPostgresStore } from '../../server/storage/postgresStore';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { createTestSchema, findPostgres, type TestSchema } from '../helpers/postgres';
import { findRedis } from '../helpers/redis';
import { waitFor } from '../helpers/waitFor';

const [pgFound, redisFound] = await Promise.all([findPostgres(), findRedis()]);
const skip = 'skip' in pgFound ? pgFound.skip : 'skip' in redisFound ? redisFound.skip : null;
if (skip) console.warn(`skipping the two-process consultation test: ${skip}`);

/** Processes starting on two loaded cores may take a while. */
const START_TIMEOUT_MS = 60_000;
/** Rooms whose windows fall due at the same moment: each process closes them one after the other, in the same order. */
const ROOMS = 6;
/** From opening the windows to their deadline: time for the second process to start and read the schedules. */
const LEAD_MS = 15_000;
const VOTING = { notes: true, comments: true, reactions: false, voting: true };

type Client = TestClient & { creds: { participantId: string | null } };

/** How many times the key was ever set in the map: every write stays in its item chain, overwritten ones as deleted items. */
function setsOf(map: Y.Map<unknown>, key: string): number {
  let n = 0;
  for (let item = map._map.get(key) ?? null; item; item = item.left) if (item.parentSub === key) n++;
  return n;
}

const lastOf = <T extends ServerControl['t']>(c: TestClient, t: T) =>
  [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: T }> => m.t === t);

/** The JSON log lines of a process about one room with this message. */
const logged = (server: RunningServer, roomId: string, msg: string): number =>
  server
    .output()
    .split('\n')
    .filter((line) => line.includes(`"roomId":"${roomId}"`) && line.includes(`"msg":"${msg}"`)).length;

describe.skipIf(skip !== null)('consultation windows on two processes', () => {
  let schema: TestSchema;
  const servers: RunningServer[] = [];
  const env = () => ({
    DATABASE_URL: schema.url,
    PG_SCHEMA: schema.schema,
    REDIS_URL: (redisFound as { url: string }).url,
    PG_POOL_SIZE: '4',
    LOG_LEVEL: 'info',
  });
  const start = async (): Promise<RunningServer> => {
    const s = await startServer({ env: env(), startTimeoutMs: START_TIMEOUT_MS });
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    schema = await createTestSchema((pgFound as { url: string }).url);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await schema?.drop();
  });

  it('closes, records and reveals each window once when both processes reach its deadline together', { timeout: START_TIMEOUT_MS + LEAD_MS + 60_000 }, async () => {
    const first = await start();
    const rooms: { room: RoomAccess; fac: Client; window: ConsultationWindow; noteId: string }[] = [];
    const deadline = Date.now() + LEAD_MS;
    for (let i = 0; i < ROOMS; i++) {
      const room = await createRoom(first);
      const [fac, ada] = await Promise.all([joinRoom(first, room), joinRoom(first, room, { role: 'participant' })]);
      const noteId = createNote(fac.doc, { x: 0, y: 0, text: `Piste ciclabili ${i}`, author: { id: fac.creds.participantId!, name: 'Giulia', sector: 'public' } });
      await fac.control({ t: 'openConsultation', opens: VOTING, prompt: 'Che cosa manca?', deadline, autoReveal: true });
      const window = await waitFor(() => readSession(fac.doc).consultation, { message: 'the window in the board' });
      // One ballot cast during the window, so the reveal has something to count once.
      await waitFor(() => ada.doc.getMap('notes').has(noteId), { message: 'the note at the participant' });
      await ada.control({ t: 'hello' });
      await ada.control({ t: 'vote', itemId: noteId, delta: 1, sector: 'civil', where: 'remote' });
      await waitFor(() => lastOf(ada, 'ballot')?.dots[noteId] === 1, { message: 'the vote taken' });
      ada.destroy();
      rooms.push({ room, fac, window, noteId });
    }

    // The second process starts with the schedules stored: both arm their timers for the same deadline.
    const second = await start();
    expect(Date.now(), 'the second process must be up before the deadline').toBeLessThan(deadline - 1_000);
    // Each room is loaded on both processes, as when participants are spread over them.
    const watchers = await Promise.all(rooms.map(({ room }) => joinRoom(second, room)));
    await Promise.all(watchers.map((w, i) => waitFor(() => readSession(w.doc).consultation?.id === rooms[i]!.window.id, { message: 'the window on the second process' })));
    const before = rooms.map(({ fac }) => ({
      past: setsOf(fac.doc.getMap('session'), 'consultations'),
      results: setsOf(resultsOf(fac.doc), roundKey(1)),
    }));

    for (const [i, w] of watchers.entries()) {
      await waitFor(() => readSession(w.doc).consultation === null && readVotingStatus(w.doc).state === 'revealed', {
        message: `room ${i} closed and revealed`,
        timeoutMs: LEAD_MS + 30_000,
      });
    }
    // Both processes reached the deadline: each one logged its run for some room (closing it, or finding it closed).
    const ran = (s: RunningServer) => rooms.filter(({ room }) => logged(s, room.roomId, 'consultation closed') + logged(s, room.roomId, 'consultation already closed') > 0).length;
    await waitFor(() => ran(first) > 0 && ran(second) > 0, { message: 'both processes running the schedule' });
    for (const c of [...watchers, ...rooms.map((r) => r.fac)]) c.destroy();
    // A graceful stop waits for a scheduled run under way and stores everything: what is in the database is all they wrote.
    await Promise.all([first.stop(), second.stop()]);

    const store = await createPostgresStore({ connectionString: schema.url, schema: schema.schema, max: 1 });
    try {
      const both = rooms.filter(({ room }) => [first, second].every((s) => logged(s, room.roomId, 'consultation closed') + logged(s, room.roomId, 'consultation already closed') > 0)).length;
      console.info(`${both} of ${ROOMS} rooms were run by both processes at the deadline`);
      for (const [i, { room, window, noteId }] of rooms.entries()) {
        const stored = await store.load(room.roomId);
        const doc = new Y.Doc();
        for (const u of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, u);
        const session = readSession(doc);
        expect(session.consultation, `room ${i}`).toBeNull();
        expect(session.consultations.filter((p) => p.id === window.id), `room ${i}`).toHaveLength(1);
        expect(setsOf(doc.getMap('session'), 'consultations') - before[i]!.past, `room ${i}: writes of the past windows`).toBe(1);
        expect(setsOf(resultsOf(doc), roundKey(1)) - before[i]!.results, `room ${i}: writes of round 1's results`).toBe(1);
        const [result] = listRoundResults(doc);
        expect(result?.dotsCast, `room ${i}`).toBe(1);
        expect(result?.items.find((it) => it.id === noteId)?.dots, `room ${i}`).toBe(1);
        expect(logged(first, room.roomId, 'consultation closed') + logged(second, room.roomId, 'consultation closed'), `room ${i}: closes logged`).toBe(1);
      }
    } finally {
      await store.close();
    }
  });
});
