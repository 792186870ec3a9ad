import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRAFTS_SUFFIX, CLOSE_ROOM_DELETED, CLOSE_ROOM_NOT_FOUND } from '../../shared/api';
import { createNote } from '../../shared/notes';
import { setPhase } from '../../shared/session';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { openRaw } from '../helpers/rawSocket';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';
import { filesContaining, rowsContaining, tablesOf } from '../helpers/sqliteRows';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});

const del = (server: RunningServer, room: RoomAccess, token: string | null): Promise<Response> =>
  fetch(`${server.url}/api/rooms/${room.roomId}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Every stored row that still mentions the room, across all tables. */
function rowsOf(dataDir: string, roomId: string): number {
  const db = new Database(path.join(dataDir, 'tavolo.sqlite'), { readonly: true });
  try {
    const like = `${roomId}%`;
    const n = (sql: string): number => (db.prepare<[string], { n: number }>(sql).get(like)?.n ?? 0);
    return (
      n('SELECT COUNT(*) AS n FROM rooms WHERE room_id LIKE ?') +
      n('SELECT COUNT(*) AS n FROM updates WHERE doc_id LIKE ?') +
      n('SELECT COUNT(*) AS n FROM snapshots WHERE doc_id LIKE ?')
    );
  } finally {
    db.close();
  }
}

describe('deleting a workshop', () => {
  it('removes the board, drafts and ballots for good, closes every client with 4410, and its links then answer 404', async () => {
    const server = await startServer();
    running.push(server);
    const room = await createRoom(server, 'Da cancellare');
    const keep = await createRoom(server, 'Da tenere');
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    const drafts = await joinRoom(server, room, { as: ada.creds, docName: `${room.roomId}${DRAFTS_SUFFIX}` });
    const adaAuthor = { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' as const };
    createNote(drafts.doc, { x: 0, y: 0, text: 'bozza privata', author: adaAuthor });
    const facAuthor = { id: fac.creds.participantId!, name: 'Fac', sector: 'public' as const };
    const note = createNote(fac.doc, { x: 0, y: 0, text: 'sulla lavagna', author: facAuthor });
    setPhase(fac.doc, 'priorities');
    await waitFor(() => ada.doc.getMap('notes').has(note), { message: 'note relayed' });
    await ada.control({ t: 'hello' });
    await ada.control({ t: 'vote', itemId: note, delta: 1, sector: 'civil', where: 'room' });
    await waitFor(() => ada.controls.some((m) => m.t === 'ballot' && Object.keys(m.dots).length > 0), { message: 'ballot stored' });
    const other = await joinRoom(server, keep);

    expect(rowsOf(server.dataDir, room.roomId)).toBeGreaterThan(0);
    expect((await del(server, room, null)).status).toBe(401);
    expect((await del(server, room, room.tokens.participant)).status).toBe(401);
    expect((await del(server, room, room.tokens.facilitator)).status).toBe(204);

    for (const c of [fac, ada, drafts]) {
      await waitFor(() => c.closes.some((e) => e.code === CLOSE_ROOM_DELETED), { message: 'closed as deleted' });
      expect(c.closes.find((e) => e.code === CLOSE_ROOM_DELETED)?.reason).toBe('workshop deleted');
    }
    await waitFor(() => rowsOf(server.dataDir, room.roomId) === 0, { message: 'every row gone' });

    // Its links answer 404 everywhere; nothing is recreated by trying.
    expect((await fetch(`${server.url}/api/rooms/${room.roomId}`)).status).toBe(404);
    const identity = await fetch(`${server.url}/api/rooms/${room.roomId}/identity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${room.tokens.participant}` },
      body: '{}',
    });
    expect(identity.status).toBe(404);
    expect((await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: (room as RoomAccess & { joinCode: string }).joinCode }) })).status).toBe(404);
    expect((await del(server, room, room.tokens.facilitator)).status).toBe(404);
    const raw = await openRaw(server, room.roomId, room.tokens.facilitator, fac.creds.identityToken!);
    expect((await raw.closed).code).toBe(CLOSE_ROOM_NOT_FOUND);
    expect(rowsOf(server.dataDir, room.roomId)).toBe(0);

    // Other workshops are untouched, and stay so after a restart.
    expect(other.closes).toEqual([]);
    expect((await fetch(`${server.url}/api/rooms/${keep.roomId}`)).status).toBe(200);
    await server.kill();
    const second = await startServer({ dataDir: server.dataDir });
    running.push(second);
    expect((await fetch(`${second.url}/api/rooms/${room.roomId}`)).status).toBe(404);
    const fresh = await identify(second, keep, 'facilitator');
    expect(fresh.participantId).toBeTruthy();
  });

  it('leaves nothing of it in any table: board, drafts, ballots, versions and client-id bindings', async () => {
    const server = await startServer();
    running.push(server);
    const room = await createRoom(server, 'Da cancellare del tutto');
    const keep = await createRoom(server, 'Da tenere');
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    const drafts = await joinRoom(server, room, { as: ada.creds, docName: `${room.roomId}${DRAFTS_SUFFIX}` });
    const mark = Math.random().toString(36).slice(2, 10);
    createNote(drafts.doc, { x: 0, y: 0, text: `draft${mark}`, author: { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' } });
    const note = createNote(fac.doc, { x: 0, y: 0, text: `board${mark}`, author: { id: fac.creds.participantId!, name: 'Fac', sector: 'public' } });
    // A phase change saves a version; a vote writes the ballots.
    setPhase(fac.doc, 'priorities');
    await waitFor(() => ada.doc.getMap('notes').has(note), { message: 'note relayed' });
    await ada.control({ t: 'hello' });
    await ada.control({ t: 'vote', itemId: note, delta: 1, sector: 'civil', where: 'room' });
    await waitFor(() => ada.controls.some((m) => m.t === 'ballot' && Object.keys(m.dots).length > 0), { message: 'ballot stored' });
    await joinRoom(server, keep);
    // A consultation open with its deadline in the durable schedule.
    await fac.control({ t: 'openConsultation', opens: { notes: true, comments: true, reactions: true, voting: false }, prompt: 'Entro venerdì', deadline: Date.now() + 3_600_000, autoReveal: false });
    await waitFor(() => rowsContaining(server.dataDir, room.roomId).some((r) => r.table === 'schedules'), { message: 'the deadline scheduled' });

    const docsOf = (): string[] => [...new Set(rowsContaining(server.dataDir, room.roomId).flatMap((r) => (r.docId ? [r.docId.slice(room.roomId.length)] : [])))].sort();
    await waitFor(() => docsOf().some((d) => d.startsWith('~version~')) && docsOf().includes('~clients'), { message: 'version and bindings stored' });
    const stored = docsOf();
    for (const doc of ['', '~ballots', '~clients', '~versions', `~drafts~${ada.creds.participantId!}`]) expect(stored).toContain(doc);
    expect(rowsContaining(server.dataDir, `draft${mark}`)).not.toEqual([]);

    expect((await del(server, room, room.tokens.facilitator)).status).toBe(204);
    // Every table, every column: neither the room id nor any of its text is left, while the other workshop is.
    expect(tablesOf(server.dataDir).sort()).toEqual(['rooms', 'schedules', 'schema_migrations', 'secrets', 'snapshots', 'updates']);
    await waitFor(() => rowsContaining(server.dataDir, room.roomId).length === 0, { message: 'no row names the room' });
    for (const text of [`draft${mark}`, `board${mark}`, 'Da cancellare del tutto']) expect(rowsContaining(server.dataDir, text), text).toEqual([]);
    expect(rowsContaining(server.dataDir, keep.roomId)).not.toEqual([]);
    // Nor in the files' free pages or write-ahead log.
    for (const text of [`draft${mark}`, `board${mark}`]) expect(filesContaining(server.dataDir, text), text).toEqual([]);
  });
});
