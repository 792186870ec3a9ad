/**
 * Attacks below the visible document: Yjs structures a participant can send
 * by hand (delete sets over clocks nobody has used, GC structs under another
 * client id, items held back by a clock gap, writes under another client's
 * id, presence for another client). Each is refused, and the victim's later
 * edits still reach everyone and survive a restart of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote, editNoteText, getNote } from '../../shared/notes';
import { getSession, setLocked, setPhase, setPrompt } from '../../shared/session';
import { startServer, createRoom, identify, type Credentials, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { changeOf, forgeAwareness, forgeUpdate, openAttacker, replicaAs } from '../helpers/forgedUpdates';
import { waitFor } from '../helpers/waitFor';

type Joined = TestClient & { creds: Credentials };
const as = (c: Joined, name: string) => ({ id: c.creds.participantId!, name, sector: 'civil' as const });

describe('Yjs-level attacks on the board', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Facilitator, victim and observer connected, in Discussion; the attacker's credentials. */
  async function setup(): Promise<{ room: RoomAccess; fac: Joined; victim: Joined; obs: Joined; attacker: Credentials }> {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room, { role: 'facilitator' });
    const victim = await joinRoom(server, room, { role: 'participant' });
    const obs = await joinRoom(server, room, { role: 'observer' });
    setPhase(fac.doc, 'discussion');
    await waitFor(() => getSession(obs.doc).phase === 'discussion' && getSession(victim.doc).phase === 'discussion', { message: 'discussion' });
    return { room, fac, victim, obs, attacker: await identify(server, room, 'participant') };
  }

  /** Restarts the server on the same data and reads the board afresh. */
  async function afterRestart(room: RoomAccess, check: (d: Y.Doc) => boolean): Promise<void> {
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    const reader = await joinRoom(server, room, { role: 'observer' });
    await waitFor(() => check(reader.doc), { message: 'stored board after restart' });
    reader.destroy();
  }

  it('refuses a delete set over clocks the victim has not used, and the victim keeps writing', async () => {
    const { room, victim, obs, attacker } = await setup();
    const atk = await openAttacker(server, room.roomId, attacker);
    const v = victim.doc.clientID;
    atk.sendUpdate(forgeUpdate({ deletes: [{ client: v, clock: Y.getState(victim.doc.store, v), len: 10_000 }] }));
    const id = createNote(victim.doc, { x: 0, y: 0, text: 'mia', author: as(victim, 'Vera') });
    editNoteText(victim.doc, id, 'mia nota');
    await waitFor(() => getNote(obs.doc, id)?.text === 'mia nota', { message: "the victim's note and edit reach the observer" });
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'out-of-sync' });
    expect(atk.ws.readyState).toBe(atk.ws.OPEN);
    expect(victim.controls.filter((c) => c.t === 'refused')).toEqual([]);
    await afterRestart(room, (d) => getNote(d, id)?.text === 'mia nota');
  });

  it("refuses GC structs under the facilitator's client id, at or ahead of its clock", async () => {
    const { room, fac, victim, obs, attacker } = await setup();
    const note = createNote(victim.doc, { x: 0, y: 0, text: 'da cancellare', author: as(victim, 'Vera') });
    await waitFor(() => getNote(fac.doc, note), { message: 'note at the facilitator' });
    const atk = await openAttacker(server, room.roomId, attacker);
    const f = fac.doc.clientID;
    const at = Y.getState(fac.doc.store, f);
    atk.sendUpdate(forgeUpdate({ gc: [{ client: f, clock: at, len: 50 }] }));
    atk.sendUpdate(forgeUpdate({ gc: [{ client: f, clock: at + 1, len: 50 }] }));
    const refused = await atk.refusals(2);
    expect(refused.map((r) => r.t === 'refused' && r.reason)).toEqual(['not-your-client', 'out-of-sync']);

    setPrompt(fac.doc, 'scenarios', 'Raggruppate');
    setPhase(fac.doc, 'scenarios');
    setLocked(fac.doc, true);
    deleteNote(fac.doc, note);
    const expected = (d: Y.Doc): boolean => {
      const s = getSession(d);
      return s.phase === 'scenarios' && s.locked === true && s.prompts.scenarios === 'Raggruppate' && getNote(d, note) === null;
    };
    await waitFor(() => expected(obs.doc), { message: "the facilitator's changes reach the observer" });
    expect(fac.controls.filter((c) => c.t === 'refused')).toEqual([]);
    await afterRestart(room, expected);
  });

  it('refuses an item held back by a clock gap, so nothing appears after the lock', async () => {
    const { room, fac, victim, obs, attacker } = await setup();
    const atk = await openAttacker(server, room.roomId, attacker);
    const replica = replicaAs(obs.doc, 0x5eed_0001);
    const a = replica.clientID;
    const gapStart = Y.getState(replica.store, a);
    changeOf(replica, (d) => createNote(d, { x: 0, y: 0, text: 'never sent', author: as({ creds: attacker } as Joined, 'Ada') }));
    const gapEnd = Y.getState(replica.store, a);
    const late = changeOf(replica, (d) => createNote(d, { x: 9, y: 9, text: 'dopo il blocco', author: as({ creds: attacker } as Joined, 'Ada') }));
    atk.sendUpdate(late);
    expect((await atk.refusals(1))[0]).toMatchObject({ reason: 'out-of-sync' });

    setLocked(fac.doc, true);
    await waitFor(() => getSession(victim.doc).locked, { message: 'lock reaches the victim' });
    // The attacker fills the gap with GC structs of its own: legitimate on their own, touching nothing.
    atk.sendUpdate(forgeUpdate({ gc: [{ client: a, clock: gapStart, len: gapEnd - gapStart }] }));
    const marker = createNote(fac.doc, { x: 0, y: 0, text: 'marker', author: as(fac, 'Fac') });
    await waitFor(() => getNote(obs.doc, marker), { message: 'a later change arrives' });
    const lateNotes = (d: Y.Doc): number => [...d.getMap('notes').values()].filter((m) => (m as Y.Map<unknown>).get('x') === 9).length;
    expect(lateNotes(obs.doc)).toBe(0);
    expect(lateNotes(fac.doc)).toBe(0);
    await afterRestart(room, (d) => getNote(d, marker) !== null && lateNotes(d) === 0);
  });

  it("refuses writes under another client's id, and the victim's next notes arrive", async () => {
    const { room, victim, obs, attacker } = await setup();
    const first = createNote(victim.doc, { x: 0, y: 0, text: 'prima', author: as(victim, 'Vera') });
    await waitFor(() => getNote(obs.doc, first), { message: 'first note' });
    const atk = await openAttacker(server, room.roomId, attacker);
    const squat = replicaAs(obs.doc, victim.doc.clientID);
    const forged = changeOf(squat, (d) => createNote(d, { x: 5, y: 5, text: 'squat', author: as({ creds: attacker } as Joined, 'Ada') }));
    atk.sendUpdate(forged);
    expect((await atk.refusals(1))[0]).toMatchObject({ reason: 'not-your-client' });

    const second = createNote(victim.doc, { x: 0, y: 0, text: 'seconda', author: as(victim, 'Vera') });
    await waitFor(() => getNote(obs.doc, second)?.text === 'seconda', { message: "the victim's second note" });
    expect([...obs.doc.getMap('notes').values()].some((m) => (m as Y.Map<unknown>).get('x') === 5)).toBe(false);
    await afterRestart(room, (d) => getNote(d, second)?.text === 'seconda');
  });

  it("refuses replacing someone's note by a concurrent write to its key, with no delete set", async () => {
    const { room, victim, obs, attacker } = await setup();
    const before = replicaAs(obs.doc, 0xfffffff0); // the highest client id wins a concurrent map key
    const id = createNote(victim.doc, { x: 0, y: 0, text: 'originale', author: as(victim, 'Vera') });
    await waitFor(() => getNote(obs.doc, id), { message: "the victim's note" });
    const atk = await openAttacker(server, room.roomId, attacker);
    const forged = changeOf(before, (d) => createNote(d, { id, x: 3, y: 3, text: 'sostituita', author: as({ creds: attacker } as Joined, 'Ada') }));
    expect(Y.decodeUpdate(forged).ds.clients.has(victim.doc.clientID)).toBe(false);
    atk.sendUpdate(forged);
    expect((await atk.refusals(1))[0]).toMatchObject({ reason: 'not-yours' });
    editNoteText(victim.doc, id, 'originale, ancora mia');
    await waitFor(() => getNote(obs.doc, id)?.text === 'originale, ancora mia', { message: "the victim's edit" });
    expect(getNote(obs.doc, id)?.authorId).toBe(victim.creds.participantId);
  });

  it("keeps a client id bound across a restart: squatting the facilitator's id later is refused", async () => {
    const { room, fac, attacker } = await setup();
    const f = fac.doc.clientID;
    const at = Y.getState(fac.doc.store, f);
    fac.destroy();
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    const atk = await openAttacker(server, room.roomId, attacker);
    atk.sendUpdate(forgeUpdate({ gc: [{ client: f, clock: at, len: 5 }] }));
    expect((await atk.refusals(1))[0]).toMatchObject({ reason: 'not-your-client' });
  });

  it("refuses presence for another client id: the facilitator's name and cursor stay theirs", async () => {
    const { room, fac, obs, attacker } = await setup();
    fac.provider.awareness.setLocalStateField('user', { name: 'Facilitatrice' });
    const f = fac.doc.clientID;
    const nameAt = (c: Joined): unknown => (c.provider.awareness.getStates().get(f) as { user?: { name?: string } } | undefined)?.user?.name;
    await waitFor(() => nameAt(obs) === 'Facilitatrice', { message: 'presence arrives' });
    const atk = await openAttacker(server, room.roomId, attacker);
    atk.sendAwareness(forgeAwareness(f, 1_000_000, { user: { name: 'Hacked' } }));
    // The attacker's own presence is fine.
    atk.sendAwareness(forgeAwareness(0x5eed_0002, 1, { user: { name: 'Ada' } }));
    await waitFor(() => obs.provider.awareness.getStates().has(0x5eed_0002), { message: "the attacker's own presence" });
    fac.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(() => (obs.provider.awareness.getStates().get(f) as { cursor?: unknown } | undefined)?.cursor, { message: 'cursor' });
    expect(nameAt(obs)).toBe('Facilitatrice');
    expect(atk.ws.readyState).toBe(atk.ws.OPEN);
  });
});
