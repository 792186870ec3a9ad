import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalJournal } from '../../../../client/lib/localJournal';
import { readServerState, reapply, rebuildFromServer, splitPending } from '../../../../client/lib/rebase';
import { createNote, editNoteText, getNote, moveNote } from '../../../../shared/notes';

const author = { id: 'person-a', name: 'A', sector: 'civil' as const };
const isLocal = (origin: unknown): boolean => origin === null || origin instanceof Y.UndoManager;

describe('rebase after a refusal', () => {
  it('drops the refused change and later edits of the same field, and keeps the other later edits', () => {
    const server = new Y.Doc();
    const local = new Y.Doc({ gc: false });
    createNote(server, { id: 'note-one', x: 0, y: 0, text: 'one', author });
    createNote(server, { id: 'note-two', x: 100, y: 0, text: 'two', author });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    const journal = new LocalJournal(local, isLocal);

    moveNote(local, 'note-one', 50, 50); // refused
    moveNote(local, 'note-one', 60, 60); // builds on it: goes too
    editNoteText(local, 'note-two', 'two, edited'); // kept
    const state = readServerState(Y.encodeStateAsUpdate(server));
    const { refused, keep } = splitPending(journal.notOn(state));
    expect(refused?.paths).toEqual(expect.arrayContaining([['notes', 'note-one', 'x']]));
    expect(keep).toEqual([['notes', 'note-two', 'text']]);

    const rebuilt = rebuildFromServer(local, state);
    expect(rebuilt.guid).toBe(local.guid);
    expect(getNote(rebuilt, 'note-one')).toMatchObject({ x: 0, y: 0 });
    expect(reapply(local, rebuilt, keep)).toBe(1);
    expect(getNote(rebuilt, 'note-two')?.text).toBe('two, edited');

    // What the rebuilt doc sends the server integrates there whole, under its new client id only.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(rebuilt, Y.encodeStateVector(server)));
    expect(server.store.pendingStructs).toBeNull();
    expect(getNote(server, 'note-two')?.text).toBe('two, edited');
    expect(getNote(server, 'note-one')).toMatchObject({ x: 0, y: 0 });
  });

  it('brings back a value the refused change overwrote, though the local doc deleted it', () => {
    const server = new Y.Doc();
    const local = new Y.Doc({ gc: false });
    createNote(server, { id: 'note-one', x: 0, y: 0, text: 'kept', author });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    const journal = new LocalJournal(local, isLocal);
    editNoteText(local, 'note-one', 'overwritten');
    const state = readServerState(Y.encodeStateAsUpdate(server));
    const rebuilt = rebuildFromServer(local, state);
    expect(splitPending(journal.notOn(state)).keep).toEqual([]);
    expect(getNote(rebuilt, 'note-one')?.text).toBe('kept');
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(server));
  });
});
