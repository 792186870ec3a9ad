/**
 * An erased participant's content does not come back: the facilitator's
 * undo stack still holds the note they deleted, whole; once its author has
 * erased their contributions, the undo is refused, nobody else receives the
 * text, the facilitator's client comes back in line with the same steps the
 * browser takes, and a restart changes nothing. A note written by hand
 * under the erased author's id is refused too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory } from '../../client/lib/boardHistory';
import { LocalJournal } from '../../client/lib/localJournal';
import { readServerState, rebuildFromServer, splitPending } from '../../client/lib/rebase';
import { createNote, deleteNote, getNote } from '../../shared/notes';
import { IDENTITY_HEADER } from '../../shared/participantData';
import { setPrivateWriting } from '../../shared/session';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { connectClient, joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor as waitWithin } from '../helpers/waitFor';

/** Generous deadlines: these steps cross the server several times on a loaded machine. */
const waitFor = <T,>(check: () => T, { message = 'condition' }: { message?: string } = {}) => waitWithin(check, { timeoutMs: 30_000, message });

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const isLocal = (origin: unknown): boolean => origin === null || origin instanceof Y.UndoManager;
const refusals = (c: TestClient): string[] => c.controls.flatMap((m) => (m.t === 'refused' ? [m.reason] : []));
/** Whether any text of the doc, anywhere, holds `text` (a restored note, under any id). */
const holdsText = (doc: Y.Doc, text: string): boolean => JSON.stringify(doc.getMap('notes').toJSON()).includes(text);

async function eraseMyData(room: RoomAccess, token: string, identityToken: string): Promise<void> {
  const res = await fetch(`${server.url}/api/rooms/${room.roomId}/my-data`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}`, [IDENTITY_HEADER]: identityToken },
  });
  expect(res.status).toBe(200);
}

/** The server's state as a fresh facilitator reads it. */
async function serverState(room: RoomAccess): Promise<Y.Doc> {
  const reader = await joinRoom(server, room);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
  reader.destroy();
  return doc;
}

describe('an erased participant’s notes', () => {
  it('are not brought back by an undo, before or after a restart, nor by a note written by hand in their name', async () => {
    const room = await createRoom(server);
    const facCreds = await identify(server, room, 'facilitator');
    // The facilitator's client, as the browser keeps it: deleted content kept, an undo stack, a journal of local changes.
    const local = new Y.Doc({ gc: false });
    const facilitator = connectClient(server, room.roomId, { as: facCreds, doc: local });
    await waitFor(() => facilitator.provider.synced, { message: 'facilitator synced' });
    const journal = new LocalJournal(local, isLocal);
    const history = new BoardHistory(local);
    // Notes go straight to the board, not to private drafts.
    setPrivateWriting(local, false);
    history.separate();

    const ada = await joinRoom(server, room, { role: 'participant' });
    const bo = await joinRoom(server, room, { role: 'participant' });
    await waitFor(() => ada.doc.getMap('session').get('privateWriting') === false && bo.doc.getMap('session').get('privateWriting') === false);
    const secret = `adasecret${Math.random().toString(36).slice(2, 10)}`;
    const adaId = ada.creds.participantId!;
    createNote(ada.doc, { id: 'ada-note', x: 0, y: 0, text: secret, author: { id: adaId, name: 'Ada', sector: 'civil' } });
    createNote(bo.doc, { id: 'bo-note-1', x: 300, y: 0, text: 'Bo stays', author: { id: bo.creds.participantId!, name: 'Bo', sector: 'private' } });
    await waitFor(() => getNote(local, 'ada-note')?.text === secret && getNote(local, 'bo-note-1') !== null, { message: 'both notes at the facilitator' });

    // The facilitator deletes Ada's note: their undo stack now holds it, text and all.
    deleteNote(local, 'ada-note');
    await waitFor(() => getNote(bo.doc, 'ada-note') === null, { message: 'the deletion reaches Bo' });
    expect(history.canUndo).toBe(true);

    await eraseMyData(room, ada.creds.token, ada.creds.identityToken!);

    let undoUpdate: Uint8Array | null = null;
    local.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin instanceof Y.UndoManager) undoUpdate = update;
    });
    history.undo();
    expect(getNote(local, 'ada-note')?.text).toBe(secret);
    expect(undoUpdate).not.toBeNull();
    await waitFor(() => refusals(facilitator).includes('erased'), { message: `the undo refused: ${JSON.stringify(facilitator.controls)}` });

    // Anything the server relayed would reach Bo before a later change: a marker from another facilitator.
    const other = await joinRoom(server, room);
    createNote(other.doc, { id: 'marker-note', x: 600, y: 0, text: 'marker-note', author: { id: other.creds.participantId!, name: 'F', sector: 'public' } });
    await waitFor(() => getNote(bo.doc, 'marker-note') !== null, { message: 'the marker reaches Bo' });
    expect(getNote(bo.doc, 'ada-note')).toBeNull();
    expect(holdsText(bo.doc, secret)).toBe(false);
    expect(holdsText(await serverState(room), secret)).toBe(false);
    expect(getNote(bo.doc, 'bo-note-1')?.text).toBe('Bo stays');

    // The facilitator's client comes back in line as the browser's does (client/lib/syncSession.ts).
    facilitator.provider.disconnect();
    const state = readServerState(Y.encodeStateAsUpdate(await serverState(room)));
    const { refused } = splitPending(journal.notOn(state));
    expect(refused?.undo).toBe(true);
    const rebuilt = rebuildFromServer(local, state);
    // As syncSession does for an 'erased' refusal: the undo is not put back to be tried again.
    history.rebase(rebuilt, null);
    facilitator.destroy();
    expect(getNote(rebuilt, 'ada-note')).toBeNull();
    expect(getNote(rebuilt, 'bo-note-1')?.text).toBe('Bo stays');

    // After a restart the erasure still holds: a copy of the refused undo, sent again, is refused.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const replayer = await joinRoom(server, room, { as: facCreds });
    Y.applyUpdate(replayer.doc, undoUpdate!);
    await waitFor(() => refusals(replayer).includes('erased'), { message: `the replayed undo refused after the restart: ${JSON.stringify(replayer.controls)}` });

    // A note built by hand under Ada's id, by a fresh facilitator client, is refused too.
    const forger = await joinRoom(server, room);
    createNote(forger.doc, { id: 'ada-note-again', x: 0, y: 0, text: secret, author: { id: adaId, name: 'Ada', sector: 'civil' } });
    await waitFor(() => refusals(forger).includes('erased'), { message: `the forged note refused: ${JSON.stringify(forger.controls)}` });
    const watcher = await joinRoom(server, room, { as: bo.creds });
    expect(holdsText(watcher.doc, secret)).toBe(false);
    expect(getNote(watcher.doc, 'bo-note-1')?.text).toBe('Bo stays');
  }, 120_000);
});
