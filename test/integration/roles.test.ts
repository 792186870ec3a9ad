import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, editNoteText, getNote, listNotes } from '../../shared/notes';
import { createScenario, listScenarios } from '../../shared/scenarios';
import { askReady, getSession, setLocked, setPhase } from '../../shared/session';
import { castDot, getBallot } from '../../shared/votes';
import { notesOf, votesOf } from '../../shared/schema';
import type { Phase } from '../../shared/phases';
import { readVoteSettings, setVoteSettings } from '../../shared/voting';
import { createRoom, identify, startServer, type Credentials, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

type Joined = TestClient & { creds: Credentials };
const me = (c: Joined, name = 'Pia', sector: 'public' | 'private' | 'civil' | 'other' = 'private') => ({
  id: c.creds.participantId!,
  name,
  sector,
});

describe('roles enforced by the server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A room with a facilitator, two participants and an observer, in the given phase. */
  async function setup(phase: Phase = 'discussion'): Promise<{ room: RoomAccess; fac: Joined; p1: Joined; p2: Joined; obs: Joined }> {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room, { role: 'facilitator' });
    const p1 = await joinRoom(server, room, { role: 'participant' });
    const p2 = await joinRoom(server, room, { role: 'participant' });
    const obs = await joinRoom(server, room, { role: 'observer' });
    setPhase(fac.doc, phase);
    await waitFor(() => [p1, p2, obs].every((c) => getSession(c.doc).phase === phase), { message: `phase ${phase} everywhere` });
    return { room, fac, p1, p2, obs };
  }

  /**
   * Asserts the sender was told its update was refused, and that nothing of
   * it reached a bystander: a later facilitator change arrives while the
   * forged one never does (the server relays in order).
   */
  async function expectRefused(sender: Joined, fac: Joined, bystander: Joined, reason: string, stillAbsent: (d: Y.Doc) => boolean): Promise<void> {
    await waitFor(() => sender.controls.find((c) => c.t === 'refused'), { message: 'refusal' });
    expect(sender.controls.find((c) => c.t === 'refused')).toMatchObject({ t: 'refused', reason });
    const marker = createNote(fac.doc, { x: 0, y: 0, text: 'marker', author: me(fac, 'Fac', 'public') });
    await waitFor(() => getNote(bystander.doc, marker), { message: 'a later change arrives' });
    expect(stillAbsent(bystander.doc)).toBe(true);
    expect(stillAbsent(fac.doc)).toBe(true);
  }

  it('hands out three distinct unguessable link tokens, in the links fragment only', async () => {
    const room = await createRoom(server);
    const { facilitator, participant, observer } = room.tokens;
    expect(new Set([facilitator, participant, observer]).size).toBe(3);
    for (const t of [facilitator, participant, observer]) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(room.links.participant).toBe(`${server.url}/r/${room.roomId}#t=${participant}`);
    expect(room.links.observer).toBe(`${server.url}/r/${room.roomId}/present#t=${observer}`);
    expect(server.output()).not.toContain(facilitator);
  });

  it('issues a fresh identity per device and none for observers', async () => {
    const room = await createRoom(server);
    const a = await identify(server, room, 'participant');
    const b = await identify(server, room, 'participant');
    expect(a.participantId).not.toBe(b.participantId);
    expect((await identify(server, room, 'observer')).identityToken).toBeNull();
    const bad = await fetch(`${server.url}/api/rooms/${room.roomId}/identity`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('closes sockets without a valid token or identity with 4401 before sending any data', async () => {
    const room = await createRoom(server);
    const other = await createRoom(server);
    const part = await identify(server, room, 'participant');
    const otherPart = await identify(server, other, 'participant');
    const forged = `${part.participantId}.${'A'.repeat(43)}`;
    const attempts: [string, string | undefined, string | undefined][] = [
      ['no token', undefined, undefined],
      ['a wrong token', 'x'.repeat(32), undefined],
      ["another room's token", other.tokens.participant, otherPart.identityToken!],
      ['a participant token without identity', room.tokens.participant, undefined],
      ['a forged identity', room.tokens.participant, forged],
      ["another room's identity", room.tokens.participant, otherPart.identityToken!],
      ['an observer asking for drafts', room.tokens.observer, undefined],
    ];
    for (const [what, token, identity] of attempts) {
      const name = what.includes('drafts') ? `${room.roomId}~drafts` : room.roomId;
      const raw = await openRaw(server, name, token, identity);
      const closed = await raw.closed;
      expect(closed.code, what).toBe(4401);
      expect(raw.frames, what).toEqual([]);
    }
  });

  it("drops an observer's update whole and tells it why", async () => {
    const { fac, p1, obs } = await setup();
    obs.doc.getMap('notes').set('forged-note-01', new Y.Map());
    await expectRefused(obs, fac, p1, 'read-only', (d) => !notesOf(d).has('forged-note-01'));
  });

  it('keeps the session for the facilitator alone', async () => {
    const { fac, p1, p2 } = await setup();
    setLocked(p1.doc, true);
    await expectRefused(p1, fac, p2, 'facilitator-only', (d) => getSession(d).locked === false);
  });

  it('refuses a note written in someone else\'s name', async () => {
    const { fac, p1, p2 } = await setup();
    const id = createNote(p1.doc, { x: 0, y: 0, text: 'impostor', author: { id: p2.creds.participantId!, name: 'P2', sector: 'civil' } });
    await expectRefused(p1, fac, p2, 'not-yours', (d) => !notesOf(d).has(id));
  });

  it("refuses edits to another participant's note text and to identity fields", async () => {
    const { fac, p1, p2 } = await setup();
    const theirs = createNote(p2.doc, { x: 0, y: 0, text: 'mine', author: me(p2) });
    await waitFor(() => getNote(p1.doc, theirs));
    editNoteText(p1.doc, theirs, 'hijacked');
    await expectRefused(p1, fac, p2, 'not-yours', (d) => getNote(d, theirs)?.text === 'mine');

    const mine = createNote(p2.doc, { x: 0, y: 0, text: 'own', author: me(p2) });
    await waitFor(() => getNote(fac.doc, mine));
    p2.controls.length = 0;
    notesOf(p2.doc).get(mine)!.set('authorId', 'someone-else-1');
    await expectRefused(p2, fac, p1, 'not-yours', (d) => getNote(d, mine)?.authorId === p2.creds.participantId);
  });

  it('refuses writes outside the documented schema, even from the facilitator', async () => {
    const { room, fac, p1 } = await setup();
    fac.doc.getMap('evil').set('x', 1);
    await waitFor(() => fac.controls.find((c) => c.t === 'refused'));
    expect(fac.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'schema' });
    const probe = await joinRoom(server, room, { as: p1.creds });
    expect(probe.doc.share.has('evil')).toBe(false);
  });

  it('lets participants vote openly only in Priorities, and only with their own ballot', async () => {
    const { fac, p1, p2 } = await setup('discussion');
    setVoteSettings(fac.doc, { mode: 'open' });
    const note = createNote(fac.doc, { x: 0, y: 0, text: 'idea', author: me(fac, 'Fac', 'public') });
    await waitFor(() => getNote(p1.doc, note));
    castDot(p1.doc, { id: p1.creds.participantId!, sector: 'civil' }, note);
    await expectRefused(p1, fac, p2, 'phase', (d) => getBallot(d, p1.creds.participantId!) === null);

    setPhase(fac.doc, 'priorities');
    await waitFor(() => getSession(p2.doc).phase === 'priorities');
    votesOf(p2.doc).set(p1.creds.participantId!, { sector: 'civil', dots: { [note]: 1 }, updatedAt: 1 });
    await expectRefused(p2, fac, fac, 'not-yours', (d) => getBallot(d, p1.creds.participantId!) === null);
  });

  it('accepts open ballots the phase allows and the budget holds', async () => {
    const { fac, p2 } = await setup('priorities');
    setVoteSettings(fac.doc, { mode: 'open' });
    await waitFor(() => readVoteSettings(p2.doc).mode === 'open');
    const note = createNote(fac.doc, { x: 0, y: 0, text: 'idea', author: me(fac, 'Fac', 'public') });
    await waitFor(() => getNote(p2.doc, note));
    expect(castDot(p2.doc, { id: p2.creds.participantId!, sector: 'civil' }, note).ok).toBe(true);
    await waitFor(() => getBallot(fac.doc, p2.creds.participantId!)?.dots[note] === 1, { message: 'dot relayed' });
    votesOf(p2.doc).set(p2.creds.participantId!, { sector: 'civil', dots: { [note]: 99 }, updatedAt: 2 });
    await waitFor(() => p2.controls.find((c) => c.t === 'refused'));
    expect(p2.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'schema' });
  });

  it('opens scenarios to participants only in the Scenarios phase', async () => {
    const { fac, p1, p2 } = await setup('discussion');
    const early = createScenario(p1.doc, { name: 'Troppo presto', x: 0, y: 0 });
    await expectRefused(p1, fac, p2, 'phase', (d) => !listScenarios(d).some((s) => s.id === early));
    setPhase(fac.doc, 'scenarios');
    await waitFor(() => getSession(p2.doc).phase === 'scenarios');
    const ok = createScenario(p2.doc, { name: 'Turismo lento', x: 0, y: 0 });
    await waitFor(() => listScenarios(fac.doc).some((s) => s.id === ok), { message: 'scenario relayed' });
  });

  it('freezes the board for everyone but the facilitator while locked', async () => {
    const { fac, p1, p2 } = await setup('discussion');
    setLocked(fac.doc, true);
    await waitFor(() => getSession(p1.doc).locked);
    const id = createNote(p1.doc, { x: 0, y: 0, text: 'durante il blocco', author: me(p1) });
    await expectRefused(p1, fac, p2, 'locked', (d) => !notesOf(d).has(id));
    setLocked(fac.doc, false);
    await waitFor(() => !getSession(p1.doc).locked);
  });

  it('never stores a refused update', async () => {
    const s = await startServer();
    try {
      const room = await createRoom(s);
      const fac = await joinRoom(s, room);
      const obs = await joinRoom(s, room, { role: 'observer' });
      obs.doc.getMap('notes').set('forged-note-02', new Y.Map());
      await waitFor(() => obs.controls.find((c) => c.t === 'refused'));
      fac.destroy();
      obs.destroy();
      await s.stop();
      const again = await startServer({ dataDir: s.dataDir });
      try {
        const c = await joinRoom(again, room);
        expect(notesOf(c.doc).has('forged-note-02')).toBe(false);
        expect(listNotes(c.doc)).toEqual([]);
      } finally {
        await again.stop();
      }
    } finally {
      await s.stop();
    }
  });

  it('tells only facilitators who is ready, by sector', async () => {
    const { fac, p1, p2 } = await setup('discussion');
    await fac.control({ t: 'hello' });
    askReady(fac.doc, 'check-0001', Date.now());
    await waitFor(() => getSession(p1.doc).readyCheck?.id === 'check-0001');
    await p1.control({ t: 'ready', checkId: 'check-0001', ready: true, name: 'Pia', sector: 'private' });
    const readiness = await waitFor(() =>
      fac.controls.find((c) => c.t === 'readiness' && c.ready.length === 1),
    );
    expect(readiness).toMatchObject({ ready: [{ participantId: p1.creds.participantId, name: 'Pia', sector: 'private' }] });
    // A participant asking for the welcome is not told anything about others.
    await p2.control({ t: 'hello' });
    await waitFor(() => p2.controls.find((c) => c.t === 'welcome'));
    expect(p2.controls.some((c) => c.t === 'readiness')).toBe(false);
  });

  it('welcomes a client with its role, identity and the server clock', async () => {
    const room = await createRoom(server);
    const p = await joinRoom(server, room, { role: 'participant' });
    const before = Date.now();
    await p.control({ t: 'hello' });
    const welcome = await waitFor(() => p.controls.find((c) => c.t === 'welcome'));
    expect(welcome).toMatchObject({ role: 'participant', participantId: p.creds.participantId });
    if (welcome.t === 'welcome') expect(Math.abs(welcome.serverNow - before)).toBeLessThan(60_000);
  });

  it('rate-limits room creation per address', async () => {
    const s = await startServer({ env: { ROOM_CREATE_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) await createRoom(s);
      const res = await fetch(`${s.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    } finally {
      await s.stop();
    }
  });
});

describe('presence', () => {
  it('shows the role and identity the server knows, whatever a client claims', async () => {
    const server = await startServer();
    try {
      const room = await createRoom(server);
      const fac = await joinRoom(server, room);
      const obs = await joinRoom(server, room, { role: 'observer' });
      obs.provider.awareness.setLocalStateField('user', { name: 'Boss', role: 'facilitator', id: fac.creds.participantId });
      const seen = await waitFor(() => fac.provider.awareness.getStates().get(obs.doc.clientID)?.user as { role: string; id: string } | undefined);
      expect(seen.role).toBe('observer');
      expect(seen.id).not.toBe(fac.creds.participantId);
    } finally {
      await server.stop();
    }
  });
});

describe('the projector short link', () => {
  it('resolves a typed join code to its room and lets it in as a participant, nothing more', async () => {
    const server = await startServer();
    try {
      const room = (await (
        await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Corto"}' })
      ).json()) as RoomAccess & { joinCode: string; links: { join: string } };
      expect(room.joinCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(room.links.join).toBe(`${server.url}/j/${room.joinCode.slice(0, 5)}-${room.joinCode.slice(5)}`);
      // As people type it off a wall: lower case, a dash, O for 0.
      const typed = `${room.joinCode.slice(0, 5)}-${room.joinCode.slice(5)}`.toLowerCase().replace(/0/g, 'o');
      const join = (code: string) =>
        fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      const res = await join(typed);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ roomId: room.roomId });
      expect((await join('ZZZZZZZZZZ')).status).toBe(404);
      expect((await join('')).status).toBe(400);

      const creds = await identify(server, { ...room, tokens: { ...room.tokens, participant: typed } }, 'participant');
      expect(creds.role).toBe('participant');
      const p = await joinRoom(server, room, { as: creds });
      expect(getSession(p.doc).title).toBe('Corto');
      // The code opens nothing more than a participant link does.
      setLocked(p.doc, true);
      await waitFor(() => p.controls.find((c) => c.t === 'refused'));
    } finally {
      await server.stop();
    }
  });

  it('slows down anyone guessing codes', async () => {
    const server = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 65; i++) {
        const res = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"ABCDE12345"}' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
      expect(statuses[64]).toBe(429);
    } finally {
      await server.stop();
    }
  });
});
