/**
 * The legitimate side of binding Yjs client ids to identities: every way an
 * honest client writes under a client id it used before, or under several,
 * is accepted without a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote, editNoteText, getNote, listNotes, moveNote } from '../../shared/notes';
import { getSession, setLocked, setPhase, setPrompt } from '../../shared/session';
import { createRoom, identify, startServer, type Credentials, type RoomAccess, type RunningServer } from '../helpers/server';
import { connectClient, joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

type Joined = TestClient & { creds: Credentials };
const as = (creds: Credentials, name = 'Pia') => ({ id: creds.participantId!, name, sector: 'private' as const });
const refusals = (c: TestClient) => c.controls.filter((m) => m.t === 'refused');

describe('honest clients under their own client ids', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function setup(): Promise<{ room: RoomAccess; fac: Joined; p: Joined; obs: Joined }> {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room, { role: 'facilitator' });
    const p = await joinRoom(server, room, { role: 'participant' });
    const obs = await joinRoom(server, room, { role: 'observer' });
    setPhase(fac.doc, 'discussion');
    await waitFor(() => getSession(p.doc).phase === 'discussion', { message: 'discussion' });
    return { room, fac, p, obs };
  }

  /** Takes a client offline, lets it edit, and brings it back. */
  async function offline(c: TestClient, edit: () => void): Promise<void> {
    c.provider.disconnect();
    edit();
    c.provider.connect();
    await waitFor(() => c.provider.synced, { message: 'back in sync' });
  }

  it('accepts notes written and deleted offline: GC structs of its own', async () => {
    const { p, obs } = await setup();
    let kept = '';
    let gone = '';
    const sv = Y.encodeStateVector(p.doc);
    await offline(p, () => {
      gone = createNote(p.doc, { x: 0, y: 0, text: 'ripensamento', author: as(p.creds) });
      deleteNote(p.doc, gone);
      kept = createNote(p.doc, { x: 1, y: 1, text: 'resta', author: as(p.creds) });
    });
    const sent = Y.decodeUpdate(Y.encodeStateAsUpdate(p.doc, sv));
    expect(sent.structs.some((s) => s instanceof Y.GC)).toBe(true);
    await waitFor(() => getNote(obs.doc, kept)?.text === 'resta', { message: 'the kept note' });
    expect(getNote(obs.doc, gone)).toBeNull();
    expect(refusals(p)).toEqual([]);
  });

  it('accepts a long offline session on reconnect', async () => {
    const { p, obs } = await setup();
    const ids: string[] = [];
    await offline(p, () => {
      for (let i = 0; i < 150; i++) {
        const id = createNote(p.doc, { x: i, y: i, text: `nota ${i}`, author: as(p.creds) });
        ids.push(id);
        editNoteText(p.doc, id, `nota ${i} rivista`);
        moveNote(p.doc, id, i * 2, i * 3);
        if (i % 5 === 0) deleteNote(p.doc, id);
      }
    });
    const notes = (d: Y.Doc): string => JSON.stringify(listNotes(d).sort((a, b) => a.id.localeCompare(b.id)));
    await waitFor(() => notes(obs.doc) === notes(p.doc), { message: 'the observer converges' });
    expect(listNotes(obs.doc)).toHaveLength(120);
    expect(refusals(p)).toEqual([]);
  });

  it('accepts a reload from a persisted doc: a new client id plus unsent edits under the old one', async () => {
    const { room, p, obs } = await setup();
    const before = createNote(p.doc, { x: 0, y: 0, text: 'online', author: as(p.creds) });
    await waitFor(() => getNote(obs.doc, before), { message: 'online note' });
    p.provider.disconnect();
    const unsent = createNote(p.doc, { x: 1, y: 1, text: 'offline, never sent', author: as(p.creds) });
    // What y-indexeddb keeps on the device; the reloaded page has a new client id.
    const persisted = Y.encodeStateAsUpdate(p.doc);
    const oldId = p.doc.clientID;
    p.destroy();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, persisted);
    expect(doc.clientID).not.toBe(oldId);
    const reloaded = connectClient(server, room.roomId, { as: p.creds, doc });
    await waitFor(() => reloaded.provider.synced, { message: 'reloaded' });
    await waitFor(() => getNote(obs.doc, unsent), { message: 'the edit made before the reload' });
    const after = createNote(doc, { x: 2, y: 2, text: 'after reload', author: as(p.creds) });
    editNoteText(doc, unsent, 'offline, finally sent');
    await waitFor(() => getNote(obs.doc, after) && getNote(obs.doc, unsent)?.text === 'offline, finally sent', { message: 'new edits' });
    expect(refusals(reloaded)).toEqual([]);
  });

  it('accepts edits under a client id first used offline, from a reload', async () => {
    const { room, obs } = await setup();
    const creds = await identify(server, room, 'participant');
    // A device that joined, went offline at once and wrote only offline.
    const first = new Y.Doc();
    Y.applyUpdate(first, Y.encodeStateAsUpdate(obs.doc));
    const offlineNote = createNote(first, { x: 0, y: 0, text: 'solo offline', author: as(creds) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(first));
    const c = connectClient(server, room.roomId, { as: creds, doc });
    await waitFor(() => getNote(obs.doc, offlineNote), { message: 'the offline note' });
    expect(refusals(c)).toEqual([]);
  });

  it('accepts the same doc reconnecting on a new socket, before and after a server restart', async () => {
    const { p, obs, fac } = await setup();
    const a = createNote(p.doc, { x: 0, y: 0, text: 'a', author: as(p.creds) });
    await waitFor(() => getNote(obs.doc, a), { message: 'a' });
    await offline(p, () => editNoteText(p.doc, a, 'a, riconnessa'));
    await waitFor(() => getNote(obs.doc, a)?.text === 'a, riconnessa', { message: 'edit after reconnect' });

    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await waitFor(() => p.provider.synced && fac.provider.synced && obs.provider.synced, { message: 'everyone reconnected', timeoutMs: 20_000 });
    editNoteText(p.doc, a, 'a, dopo il riavvio');
    setPrompt(fac.doc, 'discussion', 'Ancora');
    await waitFor(() => getNote(obs.doc, a)?.text === 'a, dopo il riavvio' && getSession(obs.doc).prompts.discussion === 'Ancora', {
      message: 'edits after the restart',
    });
    expect([...refusals(p), ...refusals(fac)]).toEqual([]);
  });

  it('accepts one participant on two devices, and the facilitator as usual', async () => {
    const { room, fac, p, obs } = await setup();
    const second = await joinRoom(server, room, { as: p.creds });
    const one = createNote(p.doc, { x: 0, y: 0, text: 'dal telefono', author: as(p.creds) });
    const two = createNote(second.doc, { x: 0, y: 0, text: 'dal portatile', author: as(p.creds) });
    await waitFor(() => getNote(second.doc, one), { message: 'each device sees the other' });
    editNoteText(second.doc, one, 'dal telefono, ritoccata sul portatile');
    setLocked(fac.doc, true);
    await waitFor(() => getNote(obs.doc, two) && getNote(obs.doc, one)?.text.endsWith('portatile') && getSession(obs.doc).locked, {
      message: 'both devices and the lock',
    });
    expect([...refusals(p), ...refusals(second), ...refusals(fac)]).toEqual([]);
  });
});
