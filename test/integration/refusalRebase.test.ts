/**
 * A refused update brought back in line against the real server, with the
 * same steps the browser's sync session takes (client/lib/syncSession.ts):
 * read the server's state, rebuild the doc from it, move the undo stack,
 * re-apply the edits made after the refused one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory } from '../../client/lib/boardHistory';
import { LocalJournal } from '../../client/lib/localJournal';
import { readServerState, reapply, rebuildFromServer, splitPending } from '../../client/lib/rebase';
import { createNote, editNoteText, getNote, moveNote } from '../../shared/notes';
import { setPrivateWriting } from '../../shared/session';
import { createRoom, identify, startServer, type RunningServer } from '../helpers/server';
import { connectClient, contentOf, joinRoom } from '../helpers/yclient';
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
const author = (id: string) => ({ id, name: id, sector: 'civil' as const });

describe('a refused update, reconciled in place', () => {
  it('reverts only the refused change, keeps the later edit and the undo stack, and converges with the server', async () => {
    const room = await createRoom(server);
    const facilitator = await joinRoom(server, room);
    // Notes go straight to the board, not to private drafts.
    setPrivateWriting(facilitator.doc, false);
    const creds = await identify(server, room, 'participant');
    const local = new Y.Doc({ gc: false });
    const participant = connectClient(server, room.roomId, { as: creds, doc: local });
    await waitFor(() => participant.provider.synced && local.getMap('session').get('privateWriting') === false);
    const journal = new LocalJournal(local, isLocal);
    const history = new BoardHistory(local);

    createNote(facilitator.doc, { id: 'theirs-note', x: 0, y: 0, text: 'facilitator', author: author(facilitator.creds.participantId!) });
    createNote(local, { id: 'mine-note', x: 300, y: 0, text: 'mine-note', author: author(creds.participantId!) });
    await waitFor(() => getNote(facilitator.doc, 'mine-note') !== null && getNote(local, 'theirs-note') !== null, {
      message: `both notes everywhere ${JSON.stringify(participant.controls)} ${JSON.stringify(facilitator.controls)} ${JSON.stringify(facilitator.closes)} ${JSON.stringify(participant.closes)} ${facilitator.provider.wsconnected} ${participant.provider.wsconnected} ${server.output()}`,
    });
    (history as unknown as { um: Y.UndoManager }).um.stopCapturing();
    moveNote(local, 'mine-note', 320, 20);
    await waitFor(() => getNote(facilitator.doc, 'mine-note')?.x === 320);
    (history as unknown as { um: Y.UndoManager }).um.stopCapturing();

    // Not theirs to edit: refused. The next edit is fine, but builds on clocks the server never took.
    editNoteText(local, 'theirs-note', 'facilitator, overwritten');
    editNoteText(local, 'mine-note', 'mine, written after');
    await waitFor(() => participant.controls.some((c) => c.t === 'refused'));
    const refusals = participant.controls.filter((c) => c.t === 'refused').map((c) => c.t === 'refused' && c.reason);
    expect(refusals[0]).toBe('not-yours');
    participant.provider.disconnect();

    const reader = connectClient(server, room.roomId, { as: creds });
    await waitFor(() => reader.provider.synced);
    const state = readServerState(Y.encodeStateAsUpdate(reader.doc));
    reader.destroy();
    const { refused, keep } = splitPending(journal.notOn(state));
    expect(refused?.paths).toContainEqual(['notes', 'theirs-note', 'text']);
    const rebuilt = rebuildFromServer(local, state);
    expect(rebuilt.guid).toBe(local.guid);
    expect(rebuilt.clientID).not.toBe(local.clientID);
    history.rebase(rebuilt, refused);
    const again = connectClient(server, room.roomId, { as: creds, doc: rebuilt });
    reapply(local, rebuilt, keep);
    participant.destroy();

    await waitFor(() => getNote(facilitator.doc, 'mine-note')?.text === 'mine, written after', { message: 'the later edit reaches the server' });
    expect(getNote(rebuilt, 'theirs-note')?.text).toBe('facilitator');
    // The undo manager defines every root it tracks; an empty root is no difference.
    facilitator.doc.getMap('actions');
    await waitFor(() => contentOf(rebuilt) === contentOf(facilitator.doc), { message: 'converged' });
    expect(again.controls.filter((c) => c.t === 'refused')).toEqual([]);

    // The stack survived: the re-applied edit, then the move made before the refusal, then the note itself.
    history.undo();
    await waitFor(() => getNote(facilitator.doc, 'mine-note')?.text === 'mine-note');
    history.undo();
    await waitFor(() => getNote(facilitator.doc, 'mine-note')?.x === 300);
    history.undo();
    await waitFor(() => getNote(facilitator.doc, 'mine-note') === null);
    expect(getNote(facilitator.doc, 'theirs-note')?.text).toBe('facilitator');
    expect(again.controls.filter((c) => c.t === 'refused')).toEqual([]);
    history.redo();
    await waitFor(() => getNote(facilitator.doc, 'mine-note') !== null);
    await waitFor(() => contentOf(rebuilt) === contentOf(facilitator.doc));
  });

  it('puts a refused undo back on the stack, so it can be tried again once allowed', async () => {
    const room = await createRoom(server);
    const facilitator = await joinRoom(server, room);
    // Notes go straight to the board, not to private drafts.
    setPrivateWriting(facilitator.doc, false);
    const creds = await identify(server, room, 'participant');
    const local = new Y.Doc({ gc: false });
    const participant = connectClient(server, room.roomId, { as: creds, doc: local });
    await waitFor(() => participant.provider.synced && local.getMap('session').get('privateWriting') === false);
    const journal = new LocalJournal(local, isLocal);
    const history = new BoardHistory(local);
    createNote(local, { id: 'mine-note', x: 0, y: 0, text: 'mine-note', author: author(creds.participantId!) });
    await waitFor(() => getNote(facilitator.doc, 'mine-note') !== null);
    facilitator.doc.getMap('session').set('locked', true);
    await waitFor(() => local.getMap('session').get('locked') === true);

    history.undo();
    await waitFor(() => participant.controls.some((c) => c.t === 'refused' && c.reason === 'locked'));
    participant.provider.disconnect();
    const reader = connectClient(server, room.roomId, { as: creds });
    await waitFor(() => reader.provider.synced);
    const state = readServerState(Y.encodeStateAsUpdate(reader.doc));
    reader.destroy();
    const { refused, keep } = splitPending(journal.notOn(state));
    expect(refused?.undo).toBe(true);
    const rebuilt = rebuildFromServer(local, state);
    history.rebase(rebuilt, refused);
    reapply(local, rebuilt, keep);
    connectClient(server, room.roomId, { as: creds, doc: rebuilt });
    participant.destroy();
    expect(getNote(rebuilt, 'mine-note')?.text).toBe('mine-note');
    expect(history.canUndo).toBe(true);

    facilitator.doc.getMap('session').set('locked', false);
    await waitFor(() => rebuilt.getMap('session').get('locked') === false);
    history.undo();
    await waitFor(() => getNote(facilitator.doc, 'mine-note') === null, { message: 'the undo, tried again, is taken' });
  });
});
