import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote } from '../../shared/notes';
import { setPhase } from '../../shared/session';
import { latestRoundResult, listRoundResults, readVotingStatus } from '../../shared/voting';
import { votesOf } from '../../shared/schema';
import { encodeControl, type ServerControl } from '../../shared/control';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';
import type { Credentials } from '../helpers/server';

type Joined = TestClient & { creds: Credentials };
const lastOf = <T extends ServerControl['t']>(c: TestClient, t: T) =>
  [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: T }> => m.t === t);

describe('secret dot-voting through the server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function setup(s = server): Promise<{ room: RoomAccess; fac: Joined; ada: Joined; bo: Joined; notes: string[] }> {
    const room = await createRoom(s);
    const fac = await joinRoom(s, room);
    const ada = await joinRoom(s, room, { role: 'participant' });
    const bo = await joinRoom(s, room, { role: 'participant' });
    const author = { id: fac.creds.participantId!, name: 'Fac', sector: 'public' as const };
    const notes = ['Piste ciclabili', 'Mercato', 'Parco fluviale'].map((text, i) => createNote(fac.doc, { x: i * 220, y: 0, text, author }));
    setPhase(fac.doc, 'priorities');
    await waitFor(() => [ada, bo].every((c) => notes.every((n) => c.doc.getMap('notes').has(n))), { message: 'notes everywhere' });
    for (const c of [fac, ada, bo]) await c.control({ t: 'hello' });
    await waitFor(() => lastOf(ada, 'ballot') && lastOf(bo, 'ballot') && lastOf(fac, 'voteProgress'), { message: 'greetings' });
    return { room, fac, ada, bo, notes };
  }

  async function vote(
    c: Joined,
    itemId: string,
    delta: 1 | -1 = 1,
    sector: 'public' | 'private' | 'civil' | 'other' = 'civil',
    where: 'room' | 'remote' = 'room',
  ): Promise<ServerControl> {
    const before = c.controls.length;
    await c.control({ t: 'vote', itemId, delta, sector, where });
    return waitFor(() => c.controls.slice(before).find((m) => m.t === 'ballot' || m.t === 'voteRefused'), { message: 'vote answer' });
  }

  it('enforces the budget and the per-item maximum on the server', async () => {
    const { ada, notes } = await setup();
    for (let i = 0; i < 3; i++) expect(await vote(ada, notes[0]!)).toMatchObject({ t: 'ballot' });
    expect(await vote(ada, notes[0]!)).toMatchObject({ t: 'voteRefused', reason: 'item-full' });
    expect(await vote(ada, notes[1]!)).toMatchObject({ t: 'ballot', remaining: 1 });
    expect(await vote(ada, notes[2]!)).toMatchObject({ t: 'ballot', remaining: 0, dots: { [notes[0]!]: 3, [notes[1]!]: 1, [notes[2]!]: 1 } });
    expect(await vote(ada, notes[2]!)).toMatchObject({ t: 'voteRefused', reason: 'no-dots-left' });
    expect(await vote(ada, notes[2]!, -1)).toMatchObject({ t: 'ballot', remaining: 1 });
    expect(await vote(ada, 'no-such-item-01')).toMatchObject({ t: 'voteRefused', reason: 'unknown-item' });
  });

  it('refuses ballots forged for someone else or written into the board', async () => {
    const { room, fac, ada, bo, notes } = await setup();
    // A vote message naming another participant is not part of the protocol.
    const raw = await openRaw(server, room.roomId, ada.creds.token, ada.creds.identityToken!);
    raw.ws.send(encodeControl({ t: 'vote', itemId: notes[0]!, delta: 1, sector: 'civil', participantId: bo.creds.participantId } as never));
    expect((await raw.closed).code).toBe(1002);
    // Writing a ballot into the shared document is refused in secret mode, even as oneself.
    votesOf(ada.doc).set(ada.creds.participantId!, { sector: 'civil', dots: { [notes[0]!]: 1 }, updatedAt: 1 });
    await waitFor(() => lastOf(ada, 'refused'));
    await bo.control({ t: 'hello' });
    await waitFor(() => bo.controls.filter((m) => m.t === 'ballot').length >= 2);
    expect(lastOf(bo, 'ballot')?.dots).toEqual({});
    expect(votesOf(fac.doc).size).toBe(0);
  });

  it("never sends anyone another person's ballot before the reveal, then gives everyone the tallies", async () => {
    const { room, fac, ada, bo, notes } = await setup();
    const obs = await joinRoom(server, room, { role: 'observer' });
    const boCreds = await identify(server, room, 'participant');
    const wire = await openRaw(server, room.roomId, boCreds.token, boCreds.identityToken!);
    const boBallots = bo.controls.filter((m) => m.t === 'ballot').length;

    await vote(ada, notes[1]!, 1, 'civil');
    await vote(ada, notes[1]!, 1, 'civil');
    const progress = await waitFor(() => fac.controls.find((m) => m.t === 'voteProgress' && m.voters === 1), { message: 'progress' });
    expect(progress).toEqual({ t: 'voteProgress', round: 1, voters: 1 });
    // Nothing of Ada's ballot reached Bo, the observer, or a fresh participant socket.
    expect(bo.controls.filter((m) => m.t === 'ballot')).toHaveLength(boBallots);
    const text = (f: Uint8Array) => Buffer.from(f).toString('latin1');
    expect(wire.frames.some((f) => text(f).includes('"ballot"') || text(f).includes('"dots"'))).toBe(false);
    for (const c of [fac, bo, obs]) expect(latestRoundResult(c.doc)).toBeNull();

    await fac.control({ t: 'revealVotes' });
    for (const c of [fac, ada, bo, obs]) {
      await waitFor(() => latestRoundResult(c.doc), { message: 'results everywhere' });
      const r = latestRoundResult(c.doc)!;
      expect(r).toMatchObject({ round: 1, voters: 1, dotsCast: 2, votersByWhere: { room: 1, remote: 0, unknown: 0 } });
      expect(r.items[0]).toMatchObject({ id: notes[1], dots: 2, rank: 1 });
      // One civil voter: below k = 3, so the breakdown is not shown.
      expect(r.items[0]!.bySector.civil).toBeNull();
      expect(readVotingStatus(c.doc)).toEqual({ round: 1, state: 'revealed' });
    }
    expect(await vote(bo, notes[0]!)).toMatchObject({ t: 'voteRefused', reason: 'revealed' });
  });

  it('opens a new round that keeps the earlier results', async () => {
    const { fac, ada, notes } = await setup();
    await vote(ada, notes[0]!);
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => latestRoundResult(fac.doc));
    await fac.control({ t: 'reopenVoting' });
    await waitFor(() => readVotingStatus(ada.doc).state === 'open' && readVotingStatus(ada.doc).round === 2);
    // Every device hears that its ballot is empty again; the facilitator that nobody has voted yet.
    await waitFor(() => lastOf(ada, 'ballot')?.round === 2);
    expect(lastOf(ada, 'ballot')).toMatchObject({ dots: {}, remaining: 5 });
    await waitFor(() => lastOf(fac, 'voteProgress')?.round === 2);
    expect(lastOf(fac, 'voteProgress')).toMatchObject({ voters: 0 });
    expect(await vote(ada, notes[2]!)).toMatchObject({ t: 'ballot', round: 2, dots: { [notes[2]!]: 1 } });
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => listRoundResults(fac.doc).length === 2);
    expect(listRoundResults(fac.doc).map((r) => r.items[0]?.id)).toEqual([notes[0], notes[2]]);
  });

  it('keeps ballots through kill -9 and restart, for the same identity on another device', async () => {
    const s = await startServer();
    const { room, ada, notes } = await setup(s);
    await vote(ada, notes[0]!);
    await vote(ada, notes[1]!);
    await s.kill();
    const again = await startServer({ dataDir: s.dataDir });
    try {
      const phone = await joinRoom(again, room, { as: ada.creds });
      await phone.control({ t: 'hello' });
      const ballot = await waitFor(() => lastOf(phone, 'ballot'));
      expect(ballot).toMatchObject({ round: 1, dots: { [notes[0]!]: 1, [notes[1]!]: 1 }, remaining: 3 });
    } finally {
      await again.stop();
    }
  });

  it('gives the facilitator the results as JSON, and nobody else', async () => {
    const { room, fac, ada, notes } = await setup();
    await vote(ada, notes[0]!);
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => latestRoundResult(fac.doc));
    const get = (token: string) => fetch(`${server.url}/api/rooms/${room.roomId}/results`, { headers: { authorization: `Bearer ${token}` } });
    const res = await get(room.tokens.facilitator);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rounds: { items: { id: string; dots: number }[] }[]; status: unknown; actions: unknown[] };
    expect(body.rounds[0]!.items[0]).toMatchObject({ id: notes[0], dots: 1 });
    expect(body.status).toEqual({ round: 1, state: 'revealed' });
    expect(body.actions).toEqual([]);
    expect((await get(room.tokens.participant)).status).toBe(401);
    expect((await get(room.tokens.observer)).status).toBe(401);
  });
});
