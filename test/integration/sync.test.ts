import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, editNoteText, getNote, listNotes } from '../../shared/notes';
import { createScenario, listScenarios } from '../../shared/scenarios';
import { castDot, tally } from '../../shared/votes';
import { getSession } from '../../shared/session';
import { setVoteSettings } from '../../shared/voting';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom, connectClient, contentOf } from '../helpers/yclient';
import { identify } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const alice = { id: 'alice-0001', name: 'Alice', sector: 'public' as const };
const bruno = { id: 'bruno-0001', name: 'Bruno', sector: 'civil' as const };

describe('live sync through the server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('gives a new client the session the room was created with', async () => {
    const room = await createRoom(server, 'Marketing territoriale');
    const c = await joinRoom(server, room);
    expect(getSession(c.doc)).toMatchObject({ title: 'Marketing territoriale', dotsPerPerson: 5 });
    c.destroy();
  });

  it('two clients converge on notes, text, scenarios and votes', async () => {
    const room = await createRoom(server);
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    // Open voting keeps ballots in the shared document, which this test converges.
    setVoteSettings(a.doc, { mode: 'open' });

    const n1 = createNote(a.doc, { x: 0, y: 0, text: 'Piste ciclabili', author: alice });
    const n2 = createNote(b.doc, { x: 300, y: 0, text: 'Mercato contadino', author: bruno });
    await waitFor(() => listNotes(a.doc).length === 2 && listNotes(b.doc).length === 2, { message: 'both notes everywhere' });

    // Concurrent edits in the same note keep both people's words.
    editNoteText(a.doc, n1, 'Nuove piste ciclabili');
    editNoteText(b.doc, n1, 'Piste ciclabili sicure');
    const s = createScenario(b.doc, { name: 'Mobilità', x: -50, y: 400 });
    castDot(a.doc, alice, n2);
    castDot(b.doc, bruno, n2);

    await waitFor(
      () => contentOf(a.doc) === contentOf(b.doc) && getNote(b.doc, n1)?.text.length === 'Nuove piste ciclabili sicure'.length,
      { message: 'documents converge' },
    );
    expect(getNote(a.doc, n1)?.text).toBe('Nuove piste ciclabili sicure');
    expect(listScenarios(a.doc).map((x) => x.id)).toEqual([s]);
    expect(tally(a.doc)[0]).toMatchObject({ id: n2, dots: 2, bySector: { public: 1, civil: 1, private: 0, other: 0 } });
    a.destroy();
    b.destroy();
  });

  it('merges edits made offline when the client reconnects', async () => {
    const room = await createRoom(server);
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    a.provider.disconnect();
    const offline = createNote(a.doc, { x: 10, y: 10, text: 'scritta offline', author: alice });
    const online = createNote(b.doc, { x: 10, y: 300, text: 'scritta online', author: bruno });
    await waitFor(() => b.provider.synced);
    a.provider.connect();
    await waitFor(() => getNote(b.doc, offline) && getNote(a.doc, online), { message: 'offline edit merged both ways' });
    expect(getNote(b.doc, offline)?.text).toBe('scritta offline');
    a.destroy();
    b.destroy();
  });

  it('relays presence between clients and drops it when a client leaves', async () => {
    const room = await createRoom(server);
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    a.provider.awareness.setLocalStateField('user', { name: 'Alice', sector: 'public' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID), { message: 'presence relayed' });
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), { message: 'presence removed on leave' });
    b.destroy();
  });

  it('serves a room again after it was unloaded, with nothing lost', async () => {
    const room = await createRoom(server);
    const a = await joinRoom(server, room);
    const id = createNote(a.doc, { x: 0, y: 0, text: 'resta', author: alice });
    // Wait until the server has it: a second client sees it.
    const probe = await joinRoom(server, room);
    await waitFor(() => getNote(probe.doc, id));
    probe.destroy();
    a.destroy();
    await waitFor(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number }).rooms === 0, {
      message: 'room unloaded after grace',
    });
    const c = connectClient(server, room.roomId, { as: await identify(server, room, 'participant') });
    await waitFor(() => getNote(c.doc, id), { message: 'note back after reload' });
    c.destroy();
  });
});
