/**
 * Consultation windows against the real server: writes during a window are
 * taken and carry the window as origin; the window closes at its deadline on
 * the server with nobody connected, and after a restart too; writes after it
 * are refused as 'closed'.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerControl } from '../../shared/control';
import { createNote } from '../../shared/notes';
import { notesOf, readNote, readSession, sessionOf } from '../../shared/schema';
import { listRoundResults, readVotingStatus } from '../../shared/voting';
import { DB_FILE } from '../../server/storage/sqliteFile';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const lastOf = <T extends ServerControl['t']>(c: TestClient, t: T) =>
  [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: T }> => m.t === t);
const NOTES_AND_VOTING = { notes: true, comments: true, reactions: false, voting: true };

/** The room's schedules as stored, read from the server's SQLite file. */
function schedulesOf(server: RunningServer, roomId: string): { due_at: number; ref: string }[] {
  const db = new Database(path.join(server.dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { due_at: number; ref: string }>('SELECT due_at, ref FROM schedules WHERE room_id = ?').all(roomId);
  } finally {
    db.close();
  }
}

async function openWindow(fac: TestClient, deadline: number, autoReveal = false) {
  await fac.control({ t: 'openConsultation', opens: NOTES_AND_VOTING, prompt: 'Che cosa manca?', deadline, autoReveal });
  return waitFor(() => readSession(fac.doc).consultation, { message: 'the window in the board' });
}

const writeAs = (c: TestClient & { creds: { participantId: string | null } }, text: string, origin: string) =>
  createNote(c.doc, { x: 0, y: 0, text, author: { id: c.creds.participantId!, name: 'Ada', sector: 'civil' }, origin });

describe('consultation windows', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('takes notes and secret votes during the window with the window as origin, and refuses them once it is closed', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    await ada.control({ t: 'hello' });
    const w = await openWindow(fac, Date.now() + 60_000);
    expect(readSession(fac.doc).meeting).toBe('closed');
    expect(schedulesOf(server, room.roomId)).toEqual([{ due_at: w.deadline, ref: w.id }]);
    await waitFor(() => readSession(ada.doc).consultation?.id === w.id, { message: 'the window reaches the participant' });
    // Extending moves the deadline and its schedule; a deadline in the past is refused and changes nothing.
    await fac.control({ t: 'extendConsultation', windowId: w.id, deadline: w.deadline + 60_000 });
    await waitFor(() => readSession(ada.doc).consultation?.deadline === w.deadline + 60_000, { message: 'extended' });
    expect(schedulesOf(server, room.roomId)).toEqual([{ due_at: w.deadline + 60_000, ref: w.id }]);
    await fac.control({ t: 'extendConsultation', windowId: w.id, deadline: Date.now() - 1 });
    await waitFor(() => lastOf(fac, 'consultationRefused')?.reason === 'past', { message: 'a past deadline refused' });
    // A participant cannot open one.
    await ada.control({ t: 'openConsultation', opens: NOTES_AND_VOTING, prompt: '', deadline: Date.now() + 60_000, autoReveal: false });
    await waitFor(() => lastOf(ada, 'refused')?.reason === 'facilitator-only', { message: 'participant refused' });

    const noteId = writeAs(ada, 'Più piste ciclabili', w.id);
    const seen = await waitFor(() => notesOf(fac.doc).get(noteId), { message: "Ada's note at the facilitator" });
    expect(readNote(noteId, seen).origin).toBe(w.id);
    await ada.control({ t: 'vote', itemId: noteId, delta: 1, sector: 'civil', where: 'remote' });
    await waitFor(() => lastOf(ada, 'ballot')?.dots[noteId] === 1, { message: 'the vote taken' });

    // A note claiming the live meeting is refused while the window is open.
    const claimed = writeAs(ada, 'in riunione', 'meeting');
    await waitFor(() => lastOf(ada, 'refused')?.reason === 'schema', { message: 'wrong origin refused' });
    expect(notesOf(fac.doc).has(claimed)).toBe(false);

    await fac.control({ t: 'closeConsultation', windowId: w.id });
    await waitFor(() => readSession(ada.doc).consultation === null, { message: 'closed early' });
    expect(readSession(ada.doc).consultations.map((p) => [p.id, p.closedBy])).toEqual([[w.id, 'facilitator']]);
    await waitFor(() => schedulesOf(server, room.roomId).length === 0, { message: 'schedule cleared' });

    // A fresh replica (the refused note above left Ada's out of step with the server).
    ada.destroy();
    const again = await joinRoom(server, room, { as: ada.creds });
    const late = writeAs(again, 'troppo tardi', w.id);
    await waitFor(() => lastOf(again, 'refused')?.reason === 'closed', { message: 'late note refused' });
    await again.control({ t: 'vote', itemId: noteId, delta: 1, sector: 'civil' });
    await waitFor(() => lastOf(again, 'voteRefused')?.reason === 'closed', { message: 'late vote refused' });
    expect(notesOf(fac.doc).has(late)).toBe(false);
  });

  it('refuses participant notes between meetings when no window is open', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    sessionOf(fac.doc).set('meeting', 'closed');
    await waitFor(() => readSession(ada.doc).meeting === 'closed', { message: 'meeting closed' });
    writeAs(ada, 'fuori tempo', 'meeting');
    await waitFor(() => lastOf(ada, 'refused')?.reason === 'closed', { message: "refused as 'closed'" });
  });

  it('closes the window at its deadline with nobody connected, revealing the round when set to', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    await ada.control({ t: 'hello' });
    const w = await openWindow(fac, Date.now() + 1_500, true);
    await waitFor(() => readSession(ada.doc).consultation?.id === w.id, { message: 'the window reaches the participant' });
    const noteId = writeAs(ada, 'Un parco lungo il fiume', w.id);
    await waitFor(() => notesOf(fac.doc).get(noteId), { message: 'note stored' });
    await ada.control({ t: 'vote', itemId: noteId, delta: 1, sector: 'civil' });
    await waitFor(() => lastOf(ada, 'ballot')?.dots[noteId] === 1, { message: 'the vote taken' });
    fac.destroy();
    ada.destroy();

    await waitFor(() => schedulesOf(server, room.roomId).length === 0, { timeoutMs: 20_000, message: 'the server closes the window' });
    const back = await joinRoom(server, room);
    const s = readSession(back.doc);
    expect(s.consultation).toBeNull();
    expect(s.consultations).toHaveLength(1);
    expect(s.consultations[0]).toMatchObject({ id: w.id, closedBy: 'deadline' });
    expect(s.consultations[0]!.closedAt).toBeGreaterThanOrEqual(w.deadline);
    expect(readVotingStatus(back.doc).state).toBe('revealed');
    expect(listRoundResults(back.doc)[0]?.items.find((i) => i.id === noteId)?.dots).toBe(1);
    // Ada's ballot was cast during the window, and the results say so.
    expect(listRoundResults(back.doc)[0]?.votersByOrigin).toEqual({ meeting: 0, consultation: 1 });
  });
});

describe('a consultation deadline across a restart', () => {
  let server: RunningServer;
  let room: RoomAccess;
  afterAll(async () => {
    await server?.stop();
  });

  it('closes the window when the server starts again after its deadline passed while it was down', async () => {
    server = await startServer();
    room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const w = await openWindow(fac, Date.now() + 4_000);
    fac.destroy();
    await server.stop();
    // The deadline falls while no server runs.
    expect(Date.now()).toBeLessThan(w.deadline);
    expect(schedulesOf(server, room.roomId)).toEqual([{ due_at: w.deadline, ref: w.id }]);
    await waitFor(() => Date.now() > w.deadline + 100, { timeoutMs: 10_000, message: 'the deadline to pass' });

    server = await startServer({ dataDir: server.dataDir });
    await waitFor(() => schedulesOf(server, room.roomId).length === 0, { timeoutMs: 20_000, message: 'the restarted server closes the window' });
    const back = await joinRoom(server, room);
    const s = readSession(back.doc);
    expect(s.consultation).toBeNull();
    expect(s.consultations[0]).toMatchObject({ id: w.id, closedBy: 'deadline' });
  });
});
