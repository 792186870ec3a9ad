/**
 * Version history against the real server: a version at every phase change
 * and on request, kept through compaction and a restart; only the
 * facilitator lists, reads or saves them; and a restore after further edits
 * loses nothing (what it removes is in the "before restoring" version).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreVersion, versionDoc } from '../../client/lib/restoreVersion';
import { createNote, deleteNote, editNoteText, getNote, listNotes } from '../../shared/notes';
import { createScenario, deleteScenario, getScenario } from '../../shared/scenarios';
import { readSession } from '../../shared/schema';
import { setPhase, setPrompt } from '../../shared/session';
import type { VersionInfo, VersionList, VersionResponse } from '../../shared/versions';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { contentOf, joinRoom } from '../helpers/yclient';
import { waitFor as waitWithin } from '../helpers/waitFor';

const waitFor = <T,>(check: () => T | Promise<T>, message = 'condition') => waitWithin(check, { timeoutMs: 30_000, message });

let server: RunningServer;
beforeAll(async () => {
  // Compact after every few batches, so versions must outlive compactions of the board.
  server = await startServer({ env: { COMPACT_AFTER_UPDATES: '3' } });
});
afterAll(async () => {
  await server.stop();
});

const author = { id: 'facilitator1', name: 'Giulia', sector: 'public' as const };

const api = (room: RoomAccess, path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${server.url}/api/rooms/${room.roomId}/versions${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });

async function list(room: RoomAccess): Promise<VersionInfo[]> {
  const res = await api(room, '', room.tokens.facilitator);
  expect(res.status).toBe(200);
  return ((await res.json()) as VersionList).versions;
}

async function save(room: RoomAccess, name: string, reason?: 'restore'): Promise<VersionInfo> {
  const res = await api(room, '', room.tokens.facilitator, { method: 'POST', body: JSON.stringify(reason ? { name, reason } : { name }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { version: VersionInfo }).version;
}

async function open(room: RoomAccess, id: string): Promise<Y.Doc> {
  const res = await api(room, `/${id}`, room.tokens.facilitator);
  expect(res.status).toBe(200);
  return versionDoc(((await res.json()) as VersionResponse).update);
}

describe('version history', () => {
  it('saves a version at each phase change and on request, kept through compaction and a restart', async () => {
    const room = await createRoom(server);
    const facilitator = await joinRoom(server, room);
    createNote(facilitator.doc, { id: 'note-listening', x: 0, y: 0, text: 'Written while listening', author });
    setPhase(facilitator.doc, 'discussion');
    await waitFor(async () => (await list(room)).length === 1, 'the phase-change version');
    const [atPhase] = await list(room);
    expect(atPhase).toMatchObject({ reason: 'phase', phase: 'listening' });

    createNote(facilitator.doc, { id: 'note-discussion', x: 300, y: 0, text: 'Written in discussion', author });
    const manual = await save(room, 'Before the break');
    expect(manual).toMatchObject({ name: 'Before the break', reason: 'manual', phase: 'discussion' });
    for (let i = 0; i < 5; i++) editNoteText(facilitator.doc, 'note-discussion', `Edited ${i}`);
    facilitator.destroy();

    await server.stop();
    server = await startServer({ dataDir: server.dataDir, env: { COMPACT_AFTER_UPDATES: '3' } });
    const versions = await list(room);
    expect(versions.map((v) => v.id)).toEqual([atPhase!.id, manual.id]);
    const first = await open(room, atPhase!.id);
    expect(listNotes(first).map((n) => n.text)).toEqual(['Written while listening']);
    const second = await open(room, manual.id);
    expect(getNote(second, 'note-discussion')?.text).toBe('Written in discussion');
    expect(readSession(second).phase).toBe('discussion');
  });

  it('is for the facilitator only', async () => {
    const room = await createRoom(server);
    await save(room, 'Mine');
    const [id] = (await list(room)).map((v) => v.id);
    for (const token of [room.tokens.participant, room.tokens.observer, null, 'forged']) {
      expect((await api(room, '', token)).status).toBe(401);
      expect((await api(room, `/${id}`, token)).status).toBe(401);
      expect((await api(room, '', token, { method: 'POST', body: JSON.stringify({ name: 'x' }) })).status).toBe(401);
    }
    expect((await api(room, '', room.tokens.facilitator, { method: 'POST', body: JSON.stringify({ name: '' }) })).status).toBe(400);
    expect((await api(room, '/nosuchversion1', room.tokens.facilitator)).status).toBe(404);
  });

  it('leaves out of a version the notes a moderator has hidden since, so a restore keeps them hidden', async () => {
    const room = await createRoom(server);
    const facilitator = await joinRoom(server, room);
    const author = { id: facilitator.creds.participantId!, name: 'Giulia', sector: 'public' as const };
    createNote(facilitator.doc, { id: 'note-kept', x: 0, y: 0, text: 'Bike lanes', author });
    createNote(facilitator.doc, { id: 'note-hidden', x: 300, y: 0, text: 'Offensive words', author });
    const before = await save(room, 'Before hiding');
    await facilitator.control({ t: 'moderate', action: 'hide', kind: 'note', id: 'note-hidden' });
    await waitFor(() => getNote(facilitator.doc, 'note-hidden') === null, 'the note hidden');

    const version = await open(room, before.id);
    expect(getNote(version, 'note-kept')?.text).toBe('Bike lanes');
    expect(getNote(version, 'note-hidden')).toBeNull();
    restoreVersion(facilitator.doc, version);
    const observer = await joinRoom(server, room, { as: await identify(server, room, 'observer') });
    await waitFor(() => getNote(observer.doc, 'note-kept') !== null, 'the board read back');
    expect(getNote(observer.doc, 'note-hidden')).toBeNull();
  });

  it('restores a version as an undoable edit, and what it removes is in the version saved just before', async () => {
    const room = await createRoom(server);
    const facilitator = await joinRoom(server, room);
    const observer = await joinRoom(server, room, { as: await identify(server, room, 'observer') });
    createScenario(facilitator.doc, { id: 'scenario-a', name: 'Mobility', x: 0, y: 0, color: 'teal' });
    createNote(facilitator.doc, { id: 'note-kept', x: 0, y: 0, text: 'Bike lanes', author });
    createNote(facilitator.doc, { id: 'note-gone', x: 300, y: 0, text: 'Deleted later', author });
    setPrompt(facilitator.doc, 'listening', 'What should change?');
    const good = await save(room, 'Good state');

    // The mistakes and the later work.
    deleteScenario(facilitator.doc, 'scenario-a');
    deleteNote(facilitator.doc, 'note-gone');
    editNoteText(facilitator.doc, 'note-kept', 'Bike lanes everywhere');
    createNote(facilitator.doc, { id: 'note-after', x: 600, y: 0, text: 'Written after the version', author });
    setPrompt(facilitator.doc, 'listening', 'Changed prompt');
    await waitFor(() => getNote(observer.doc, 'note-after') !== null);

    const before = await save(room, 'Before restoring Good state', 'restore');
    const undo = new Y.UndoManager([facilitator.doc.getMap('notes'), facilitator.doc.getMap('scenarios'), facilitator.doc.getMap('session')]);
    restoreVersion(facilitator.doc, await open(room, good.id));
    await waitFor(() => getScenario(observer.doc, 'scenario-a') !== null, 'the restore on another screen');
    expect(getNote(observer.doc, 'note-gone')?.text).toBe('Deleted later');
    expect(getNote(observer.doc, 'note-kept')?.text).toBe('Bike lanes');
    expect(getNote(observer.doc, 'note-after')).toBeNull();
    expect(readSession(observer.doc).prompts.listening).toBe('What should change?');
    expect(facilitator.controls.filter((c) => c.t === 'refused')).toEqual([]);

    // Nothing lost: the work the restore removed is in the version saved before it.
    const saved = await open(room, before.id);
    expect(getNote(saved, 'note-after')?.text).toBe('Written after the version');
    expect(getNote(saved, 'note-kept')?.text).toBe('Bike lanes everywhere');

    // And the restore is one undoable edit.
    undo.undo();
    await waitFor(() => getNote(observer.doc, 'note-after') !== null, 'the undone restore on another screen');
    expect(getScenario(observer.doc, 'scenario-a')).toBeNull();
    // A restore defines every root it sets; an empty root is no difference.
    observer.doc.getMap('actions');
    await waitFor(() => contentOf(observer.doc) === contentOf(facilitator.doc), 'converged');
  });
});
