/**
 * What the server does so that secret voting stays secret and the
 * facilitator's controls do not trap: no participant pointer during a secret
 * round, no reveal of results outside Priorities, and draft counts (never
 * text) for the facilitator during private writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFTS_SUFFIX } from '../../shared/api';
import type { ServerControl } from '../../shared/control';
import { createNote } from '../../shared/notes';
import { setPhase } from '../../shared/session';
import { readVotingStatus, setVoteSettings } from '../../shared/voting';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const lastOf = <T extends ServerControl['t']>(c: TestClient, t: T) =>
  [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: T }> => m.t === t);

const cursorOf = (watcher: TestClient, clientId: number): unknown => (watcher.provider.awareness.getStates().get(clientId) as { cursor?: unknown } | undefined)?.cursor;
const userOf = (watcher: TestClient, clientId: number): unknown => (watcher.provider.awareness.getStates().get(clientId) as { user?: unknown } | undefined)?.user;

describe('server guards for secret rounds and facilitation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("relays no participant's pointer while a secret round is open, but keeps the facilitator's", async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    const watcher = await joinRoom(server, room, { role: 'participant' });
    const user = (name: string) => ({ id: 'x', name, sector: 'civil', color: '#000', where: 'room', role: 'participant' });
    ada.provider.awareness.setLocalStateField('user', user('Ada'));
    fac.provider.awareness.setLocalStateField('user', user('Fac'));

    // Before voting, pointers are shared as usual.
    ada.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    await waitFor(() => (cursorOf(watcher, ada.doc.clientID) as { x?: number } | undefined)?.x === 10, { message: 'cursor before voting' });

    setPhase(fac.doc, 'priorities');
    await waitFor(() => watcher.doc.getMap('session').get('phase') === 'priorities', { message: 'priorities' });
    ada.provider.awareness.setLocalStateField('cursor', { x: 333, y: 444 });
    fac.provider.awareness.setLocalStateField('cursor', { x: 555, y: 666 });
    await waitFor(() => (cursorOf(watcher, fac.doc.clientID) as { x?: number } | undefined)?.x === 555, { message: "the facilitator's cursor" });
    // Ada's presence still arrives (she is online), her pointer does not.
    await waitFor(() => userOf(watcher, ada.doc.clientID) && cursorOf(watcher, ada.doc.clientID) === null, { message: "Ada's cursor dropped" });
    ada.provider.awareness.setLocalStateField('cursor', { x: 777, y: 888 });
    fac.provider.awareness.setLocalStateField('cursor', { x: 556, y: 666 });
    await waitFor(() => (cursorOf(watcher, fac.doc.clientID) as { x?: number } | undefined)?.x === 556, { message: 'a later relay' });
    expect(cursorOf(watcher, ada.doc.clientID)).toBeNull();

    // Open voting shows everything anyway: pointers flow again.
    setVoteSettings(fac.doc, { mode: 'open' });
    await waitFor(() => watcher.doc.getMap('session').get('voteSettings'), { message: 'open voting' });
    ada.provider.awareness.setLocalStateField('cursor', { x: 12, y: 34 });
    await waitFor(() => (cursorOf(watcher, ada.doc.clientID) as { x?: number } | undefined)?.x === 12, { message: 'cursor in open voting' });
  });

  it('refuses to reveal results outside Priorities, so no round is closed by accident', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => lastOf(fac, 'refused'), { message: 'refusal' });
    expect(lastOf(fac, 'refused')).toMatchObject({ reason: 'phase' });
    expect(readVotingStatus(fac.doc)).toEqual({ round: 1, state: 'open' });

    setPhase(fac.doc, 'priorities');
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => readVotingStatus(fac.doc).state === 'revealed', { message: 'revealed in Priorities' });
  });

  it('tells facilitators how many drafts each sector has written, never the text, as drafts change', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    const bo = await joinRoom(server, room, { role: 'participant' });
    await fac.control({ t: 'hello' });
    await waitFor(() => lastOf(fac, 'drafts'), { message: 'first count' });
    expect(lastOf(fac, 'drafts')).toMatchObject({ notes: 0, writers: 0 });

    const adaDrafts = await joinRoom(server, room, { as: ada.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const boDrafts = await joinRoom(server, room, { as: bo.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const author = (c: typeof ada, sector: 'civil' | 'private') => ({ id: c.creds.participantId!, name: 'x', sector, where: 'room' as const });
    createNote(adaDrafts.doc, { x: 0, y: 0, text: 'segreto uno', author: author(ada, 'civil') });
    createNote(adaDrafts.doc, { x: 0, y: 200, text: 'segreto due', author: author(ada, 'civil') });
    createNote(boDrafts.doc, { x: 0, y: 0, text: 'segreto tre', author: author(bo, 'private') });
    await waitFor(() => lastOf(fac, 'drafts')?.notes === 3, { message: 'three drafts counted' });
    expect(lastOf(fac, 'drafts')).toMatchObject({
      notes: 3,
      writers: 2,
      bySector: { civil: { notes: 2, writers: 1 }, private: { notes: 1, writers: 1 }, public: { notes: 0, writers: 0 } },
    });
    expect(JSON.stringify(fac.controls)).not.toContain('segreto');
    // Participants are never told.
    expect(ada.controls.some((m) => m.t === 'drafts')).toBe(false);

    // A facilitator arriving later gets the count of drafts whose authors have left.
    adaDrafts.destroy();
    boDrafts.destroy();
    const late = await joinRoom(server, room);
    await late.control({ t: 'hello' });
    await waitFor(() => lastOf(late, 'drafts'), { message: "the late facilitator's count" });
    expect(lastOf(late, 'drafts')).toMatchObject({ notes: 3, writers: 2 });

    // Reveal empties the drafts: the count drops to zero.
    await fac.control({ t: 'reveal' });
    await waitFor(() => lastOf(fac, 'drafts')?.notes === 0, { message: 'count after reveal' });
  });
});
