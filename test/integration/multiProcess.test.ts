/**
 * Several server processes on one PostgreSQL and one Redis, serving the
 * same room: real Yjs clients spread over them converge, a SIGKILLed
 * process loses nothing any client had seen, and a Redis restart only
 * delays convergence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '../../shared/notes';
import { askReady, getSession, setPhase, setPremoderation, setPrivateWriting } from '../../shared/session';
import { latestRoundResult } from '../../shared/voting';
import { readSession } from '../../shared/schema';
import type { ServerControl } from '../../shared/control';
import { CLOSE_ROOM_DELETED, DRAFTS_SUFFIX } from '../../shared/api';
import type { Role } from '../../shared/phases';
import { createPostgresStore } from '../../server/storage/postgresStore';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { connectClient, type TestClient } from '../helpers/yclient';
import { createTestSchema, findPostgres, type TestSchema } from '../helpers/postgres';
import { findRedis, haveRedisServer, startPrivateRedis, type PrivateRedis } from '../helpers/redis';
import { waitFor } from '../helpers/waitFor';

const [pgFound, redisFound] = await Promise.all([findPostgres(), findRedis()]);
const skip = 'skip' in pgFound ? pgFound.skip : 'skip' in redisFound ? redisFound.skip : null;
if (skip) console.warn(`skipping the multi-process tests: ${skip}`);

/** Processes starting together on two loaded cores may take a while. */
const START_TIMEOUT_MS = 60_000;
/** Rooms one address may create per minute on the pair of processes sharing the private Redis. */
const CREATE_LIMIT = 4;

/** Starts `n` processes at once; if one fails, the others are stopped before the error is thrown. */
async function startAll(n: number, env: Record<string, string>): Promise<RunningServer[]> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startServer({ env, startTimeoutMs: START_TIMEOUT_MS })));
  const failed = started.find((r) => r.status === 'rejected');
  if (!failed) return started.map((r) => (r as PromiseFulfilledResult<RunningServer>).value);
  await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.kill() : undefined)));
  throw failed.reason;
}

type Client = TestClient & { creds: Awaited<ReturnType<typeof identify>> };

/** A client of `room` on `server` (a fresh identity of role `as`, or these credentials), synced; `doc` keeps its state across processes. */
async function join(server: RunningServer, room: RoomAccess, as: Client['creds'] | Role = 'facilitator', doc?: Y.Doc): Promise<Client> {
  const creds = typeof as === 'string' ? await identify(server, room, as) : as;
  const client = connectClient(server, room.roomId, { as: creds, doc });
  await waitFor(() => client.provider.synced, { message: `synced on port ${server.port}` });
  return Object.assign(client, { creds });
}

const lastOf = <T extends ServerControl['t']>(c: TestClient, t: T) =>
  [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: T }> => m.t === t);

const addNote = (c: Client, text: string): string =>
  createNote(c.doc, { x: 0, y: 0, text, author: { id: c.creds.participantId!, name: 'N', sector: 'public' } });

const noteIds = (doc: Y.Doc): Set<string> => new Set(listNotes(doc).map((n) => n.id));

/** The notes' ids and texts, sorted: what every replica must agree on. */
const notesText = (doc: Y.Doc): string => JSON.stringify(listNotes(doc).map((n) => [n.id, n.text]).sort());

const converged = (clients: Client[], expected: number): boolean =>
  clients.every((c) => listNotes(c.doc).length === expected && notesText(c.doc) === notesText(clients[0]!.doc));

describe.skipIf(skip !== null)('several processes on PostgreSQL and Redis', () => {
  let schema: TestSchema;
  let servers: RunningServer[] = [];
  const envFor = (redisUrl: string) => ({ DATABASE_URL: schema.url, PG_SCHEMA: schema.schema, REDIS_URL: redisUrl, PG_POOL_SIZE: '4' });

  beforeAll(async () => {
    schema = await createTestSchema((pgFound as { url: string }).url);
    const env = envFor((redisFound as { url: string }).url);
    // All three migrate the empty schema at once.
    servers = await startAll(3, env);
  }, START_TIMEOUT_MS * 2);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await schema?.drop();
  });

  it('converges clients spread over three processes, presence included', async () => {
    const room = await createRoom(servers[0]!);
    const clients = await Promise.all(servers.flatMap((s) => [join(s, room), join(s, room)]));
    clients.forEach((c, i) => {
      for (let n = 0; n < 5; n++) addNote(c, `client ${i} note ${n}`);
    });
    await waitFor(() => converged(clients, 30), { message: 'thirty notes everywhere', timeoutMs: 15_000 });

    const [first, , , , , last] = clients;
    first!.provider.awareness.setLocalStateField('user', { name: 'Ada', sector: 'public' });
    await waitFor(() => last!.provider.awareness.getStates().get(first!.doc.clientID), { message: 'presence across processes' });
    // Refused the same on every process: an observer's write never spreads.
    const observer = connectClient(servers[1]!, room.roomId, { as: await identify(servers[1]!, room, 'observer') });
    await waitFor(() => observer.provider.synced);
    createNote(observer.doc, { x: 0, y: 0, text: 'not mine to write', author: { id: 'someone-0001', name: 'X', sector: 'civil' } });
    await waitFor(() => observer.controls.some((c) => c.t === 'refused'), { message: 'observer refused' });
    addNote(first!, 'after the refusal');
    await waitFor(() => converged(clients, 31), { message: 'the next note everywhere' });
    expect(listNotes(last!.doc).some((n) => n.text === 'not mine to write')).toBe(false);
  });

  it('counts secret votes cast on two processes in a reveal from a third, and relays readiness answers', async () => {
    const room = await createRoom(servers[0]!);
    const [fac, ada, bo] = await Promise.all([join(servers[2]!, room), join(servers[0]!, room, 'participant'), join(servers[1]!, room, 'participant')]);
    const author = { id: fac!.creds.participantId!, name: 'Fac', sector: 'public' as const };
    const notes = ['Piste ciclabili', 'Mercato'].map((text, i) => createNote(fac!.doc, { x: i * 220, y: 0, text, author }));
    setPhase(fac!.doc, 'priorities');
    await waitFor(() => [ada!, bo!].every((c) => notes.every((n) => c.doc.getMap('notes').has(n))), { message: 'notes on every process' });
    for (const c of [fac!, ada!, bo!]) await c.control({ t: 'hello' });
    await waitFor(() => lastOf(ada!, 'ballot') && lastOf(bo!, 'ballot') && lastOf(fac!, 'voteProgress'), { message: 'greetings' });

    const vote = async (c: Client, itemId: string, sector: 'civil' | 'public'): Promise<void> => {
      const before = c.controls.length;
      await c.control({ t: 'vote', itemId, delta: 1, sector, where: 'room' });
      const answer = await waitFor(() => c.controls.slice(before).find((m) => m.t === 'ballot' || m.t === 'voteRefused'), { message: 'vote answer' });
      expect(answer.t).toBe('ballot');
    };
    await vote(ada!, notes[0]!, 'civil');
    await vote(bo!, notes[0]!, 'public');
    await vote(bo!, notes[1]!, 'public');
    // The facilitator's progress counts voters on every process.
    await waitFor(() => lastOf(fac!, 'voteProgress')?.voters === 2, { message: 'two voters counted across processes' });

    await fac!.control({ t: 'revealVotes' });
    for (const c of [fac!, ada!, bo!]) await waitFor(() => latestRoundResult(c.doc), { message: 'results on every process' });
    expect(latestRoundResult(ada!.doc)).toMatchObject({ round: 1, voters: 2, dotsCast: 3 });
    expect(latestRoundResult(ada!.doc)!.items[0]).toMatchObject({ id: notes[0], dots: 2, rank: 1 });

    askReady(fac!.doc, 'check-0001', Date.now());
    await waitFor(() => readSession(ada!.doc).readyCheck?.id === 'check-0001', { message: 'ready check asked' });
    await ada!.control({ t: 'ready', checkId: 'check-0001', ready: true, name: 'Ada', sector: 'civil' });
    await waitFor(() => lastOf(fac!, 'readiness')?.ready.some((r) => r.participantId === ada!.creds.participantId), { message: 'readiness across processes' });
  });

  it('gives a process that loads the board later every ready answer given before', async () => {
    const room = await createRoom(servers[0]!);
    const [fac, ada] = await Promise.all([join(servers[0]!, room), join(servers[0]!, room, 'participant')]);
    askReady(fac.doc, 'check-0002', Date.now());
    await waitFor(() => readSession(ada.doc).readyCheck?.id === 'check-0002', { message: 'ready check asked' });
    await fac.control({ t: 'hello' });
    await ada.control({ t: 'ready', checkId: 'check-0002', ready: true, name: 'Ada', sector: 'civil' });
    const hasAda = (c: Client) => lastOf(c, 'readiness')?.ready.some((r) => r.participantId === ada.creds.participantId && r.name === 'Ada');
    await waitFor(() => hasAda(fac), { message: 'the answer on its own process' });
    // Process 1 has not loaded this board: no relay signal ever reached it.
    const late = await join(servers[1]!, room);
    await late.control({ t: 'hello' });
    await waitFor(() => hasAda(late), { message: 'the earlier answer on a process that loaded the board later' });
    expect(lastOf(late, 'readiness')!.ready).toHaveLength(1);
  });

  it("counts the private drafts of participants on other processes for a facilitator, never their text", async () => {
    const room = await createRoom(servers[0]!);
    const fac = await join(servers[1]!, room);
    await fac.control({ t: 'hello' });
    await waitFor(() => lastOf(fac, 'drafts'), { message: 'first count' });
    const [ada, bo] = await Promise.all([join(servers[0]!, room, 'participant'), join(servers[2]!, room, 'participant')]);
    const draftsOf = async (c: Client, server: RunningServer): Promise<Client> => {
      const d = connectClient(server, room.roomId, { as: c.creds, docName: room.roomId + DRAFTS_SUFFIX });
      await waitFor(() => d.provider.synced, { message: 'drafts synced' });
      return Object.assign(d, { creds: c.creds });
    };
    const [adaDrafts, boDrafts] = await Promise.all([draftsOf(ada, servers[0]!), draftsOf(bo, servers[2]!)]);
    const write = (d: Client, text: string, sector: 'civil' | 'private') =>
      createNote(d.doc, { x: 0, y: 0, text, author: { id: d.creds.participantId!, name: 'x', sector, where: 'room' } });
    const first = write(adaDrafts, 'segreto uno', 'civil');
    write(adaDrafts, 'segreto due', 'civil');
    write(boDrafts, 'segreto tre', 'private');
    await waitFor(() => lastOf(fac, 'drafts')?.notes === 3, { message: 'three drafts on two other processes counted' });
    expect(lastOf(fac, 'drafts')).toMatchObject({ writers: 2, bySector: { civil: { notes: 2, writers: 1 }, private: { notes: 1, writers: 1 } } });
    adaDrafts.doc.getMap('notes').delete(first);
    await waitFor(() => lastOf(fac, 'drafts')?.notes === 2, { message: 'a deleted draft uncounted' });
    expect(JSON.stringify(fac.controls)).not.toContain('segreto');
  });

  it('shows a facilitator the notes waiting for approval and the hidden ones on every process, and approves across them', async () => {
    const room = await createRoom(servers[0]!);
    const fac = await join(servers[1]!, room);
    setPrivateWriting(fac.doc, false);
    setPremoderation(fac.doc, true);
    await fac.control({ t: 'hello' });
    const queue = () => lastOf(fac, 'moderation');
    await waitFor(() => queue(), { message: 'first moderation queue' });
    const ada = await join(servers[0]!, room, 'participant');
    await waitFor(() => getSession(ada.doc).premoderation, { message: 'pre-moderation on process 0' });
    const pending = connectClient(servers[0]!, room.roomId, { as: ada.creds, docName: room.roomId + DRAFTS_SUFFIX });
    await waitFor(() => pending.provider.synced, { message: 'drafts synced' });
    const author = { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' as const };
    const id = createNote(pending.doc, { x: 0, y: 0, text: 'in attesa altrove', author, pending: true });
    await waitFor(() => queue()?.pending.some((i) => i.id === id && i.text === 'in attesa altrove'), { message: 'a note pending on another process in the queue' });

    await fac.control({ t: 'moderate', action: 'approve', kind: 'note', id });
    await waitFor(() => ada.doc.getMap('notes').has(id), { message: 'approved from another process' });
    await waitFor(() => queue()?.pending.length === 0, { message: 'queue emptied' });

    // Hidden on process 0, by another facilitator: the queue on process 1 lists it.
    const fac0 = await join(servers[0]!, room);
    await fac0.control({ t: 'hello' });
    await waitFor(() => lastOf(fac0, 'moderation'), { message: "the second facilitator's queue" });
    await fac0.control({ t: 'moderate', action: 'hide', kind: 'note', id });
    await waitFor(() => queue()?.hidden.some((i) => i.id === id), { message: 'hidden on another process, listed here' });
    await fac.control({ t: 'moderate', action: 'restore', kind: 'note', id });
    await waitFor(() => lastOf(fac0, 'moderation')?.hidden.length === 0 && ada.doc.getMap('notes').has(id), { message: 'restored from this process, unlisted there' });
  });

  it('never tells a voter a dot was taken that a reveal on another process left out', async () => {
    const room = await createRoom(servers[0]!);
    const fac = await join(servers[2]!, room);
    const voters = await Promise.all(Array.from({ length: 8 }, (_, i) => join(servers[i % 2]!, room, 'participant')));
    const author = { id: fac.creds.participantId!, name: 'Fac', sector: 'public' as const };
    const notes = ['Piste ciclabili', 'Mercato', 'Parco'].map((text, i) => createNote(fac.doc, { x: i * 220, y: 0, text, author }));
    setPhase(fac.doc, 'priorities');
    await waitFor(() => voters.every((c) => notes.every((n) => c.doc.getMap('notes').has(n))), { message: 'notes on every process' });
    for (const c of [fac, ...voters]) await c.control({ t: 'hello' });
    await waitFor(() => voters.every((c) => lastOf(c, 'ballot')) && lastOf(fac, 'voteProgress'), { message: 'greetings' });

    // Every voter places dots one after another until refused, while the facilitator on a third process reveals.
    const cast = async (c: Client, n: number): Promise<void> => {
      for (let i = 0; i < 5; i++) {
        const before = c.controls.length;
        await c.control({ t: 'vote', itemId: notes[(n + i) % 3]!, delta: 1, sector: n % 2 ? 'civil' : 'public', where: 'room' });
        const answer = await waitFor(() => c.controls.slice(before).find((m) => m.t === 'ballot' || m.t === 'voteRefused'), { message: 'vote answer' });
        if (answer.t === 'voteRefused') return;
      }
    };
    const casting = Promise.all(voters.map((c, n) => cast(c, n)));
    await waitFor(() => (lastOf(fac, 'voteProgress')?.voters ?? 0) >= 3, { message: 'voting under way' });
    await fac.control({ t: 'revealVotes' });
    await casting;
    for (const c of voters) await waitFor(() => latestRoundResult(c.doc), { message: 'results on every process' });

    // What each voter was last told of round 1 is exactly what the reveal counted.
    const told: Record<string, number> = {};
    for (const c of voters) {
      const last = [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: 'ballot' }> => m.t === 'ballot' && m.round === 1);
      for (const [item, dots] of Object.entries(last?.dots ?? {})) told[item] = (told[item] ?? 0) + dots;
    }
    const result = latestRoundResult(voters[0]!.doc)!;
    const counted = Object.fromEntries(result.items.filter((i) => i.dots > 0).map((i) => [i.id, i.dots]));
    expect(counted).toEqual(Object.fromEntries(Object.entries(told).filter(([, d]) => d > 0)));
  });

  it('loses nothing any client had seen when one process is SIGKILLed under load', async () => {
    const room = await createRoom(servers[0]!);
    const clients = await Promise.all(servers.flatMap((s) => [join(s, room), join(s, room)]));
    const victim = servers[2]!;
    const onVictim = clients.slice(4);
    const PER_CLIENT = 20;
    let written = 0;
    const writing = Promise.all(
      clients.map(async (c, i) => {
        for (let n = 0; n < PER_CLIENT; n++) {
          addNote(c, `c${i} n${n}`);
          written++;
          await new Promise((r) => setTimeout(r, 15));
        }
      }),
    );
    await waitFor(() => written >= clients.length * (PER_CLIENT / 2), { message: 'half the notes written' });
    await victim.kill();
    const seen = new Set(clients.flatMap((c) => [...noteIds(c.doc)]));
    // Its clients come back through "the load balancer": to the other processes, with the state they hold.
    const moved = await Promise.all(
      onVictim.map((c, i) => {
        c.provider.destroy();
        return join(servers[i]!, room, c.creds, c.doc);
      }),
    );
    await writing;
    const all = [...clients.slice(0, 4), ...moved];
    await waitFor(() => converged(all, clients.length * PER_CLIENT), { message: 'every note everywhere', timeoutMs: 15_000 });
    for (const id of seen) expect(noteIds(all[0]!.doc).has(id)).toBe(true);

    // And it is all stored: read the room back from the database as a fresh process would.
    const store = await createPostgresStore({ connectionString: schema.url, schema: schema.schema, max: 1 });
    try {
      await waitFor(async () => {
        const stored = await store.load(room.roomId);
        const doc = new Y.Doc();
        for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(doc, part);
        return listNotes(doc).length === clients.length * PER_CLIENT;
      }, { message: 'every note stored' });
    } finally {
      await store.close();
    }
  });

  it('deletes a workshop on every process: its clients elsewhere are closed and nothing of it stays stored', async () => {
    const room = await createRoom(servers[0]!);
    const [here, there] = await Promise.all([join(servers[0]!, room), join(servers[1]!, room)]);
    addNote(there!, 'written through the other process');
    await waitFor(() => converged([here!, there!], 1), { message: 'note relayed' });
    const res = await fetch(`${servers[0]!.url}/api/rooms/${room.roomId}`, { method: 'DELETE', headers: { authorization: `Bearer ${room.tokens.facilitator}` } });
    expect(res.status).toBeLessThan(300);
    for (const c of [here!, there!]) await waitFor(() => c.closes.some((e) => e.code === CLOSE_ROOM_DELETED), { message: 'closed as deleted' });
    const stored = await schema.query<{ n: string }>(
      "SELECT (SELECT count(*) FROM docs WHERE starts_with(doc_id, $1)) + (SELECT count(*) FROM updates WHERE starts_with(doc_id, $1)) AS n",
      [room.roomId],
    );
    expect(stored.rows[0]!.n).toBe('0');
  });

  describe.skipIf(!haveRedisServer())('with a private Redis', () => {
    let redis: PrivateRedis;
    let pair: RunningServer[] = [];
    beforeAll(async () => {
      redis = await startPrivateRedis();
      pair = await startAll(2, { ...envFor(redis.url), ROOM_CREATE_LIMIT: String(CREATE_LIMIT) });
    }, START_TIMEOUT_MS * 2);
    afterAll(async () => {
      await Promise.all(pair.map((s) => s.kill()));
      await redis?.kill();
    });

    it('counts the room-creation limit across processes', async () => {
      const codes: number[] = [];
      for (let i = 0; i <= CREATE_LIMIT; i++) {
        const res = await fetch(`${pair[i % 2]!.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'T' }) });
        codes.push(res.status);
      }
      expect(codes).toEqual([...Array(CREATE_LIMIT).fill(201), 429]);
    });

    it('keeps each process working through a Redis restart and converges afterwards', async () => {
      // Created through another process of the same database: this pair has used up its creation limit.
      const room = await createRoom(servers[0]!);
      const [a, a2, b] = await Promise.all([join(pair[0]!, room), join(pair[0]!, room), join(pair[1]!, room)]);
      addNote(a!, 'before');
      await waitFor(() => converged([a!, a2!, b!], 1), { message: 'relayed before the restart' });

      await redis.kill();
      addNote(a!, 'during, on the first process');
      addNote(b!, 'during, on the second process');
      // Peers of the same process still see each other at once.
      await waitFor(() => listNotes(a2!.doc).length === 2 && listNotes(a!.doc).length === 2, { message: 'working on its own process' });

      await redis.start();
      await waitFor(() => converged([a!, a2!, b!], 3), { message: 'converged after Redis came back', timeoutMs: 15_000 });
    });
  });
});
