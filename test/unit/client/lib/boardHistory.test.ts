import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory } from '../../../../client/lib/boardHistory';
import { restoreVersion } from '../../../../client/lib/restoreVersion';
import { createNote, deleteNote, editNoteText, getNote, moveNote, recolorNote, setNoteScenario } from '../../../../shared/notes';
import { createScenario, deleteScenario, getScenario, renameScenario } from '../../../../shared/scenarios';
import { setLocked, setPhase, setPrompt } from '../../../../shared/session';
import { readSession } from '../../../../shared/schema';

const REMOTE = Symbol('remote');
const author = (id: string) => ({ id, name: id, sector: 'civil' as const });

/** Two replicas that exchange every update at once, as through the server. */
function pair(): { a: Y.Doc; b: Y.Doc } {
  const a = new Y.Doc({ gc: false });
  const b = new Y.Doc({ gc: false });
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, u, REMOTE));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, u, REMOTE));
  return { a, b };
}

/** Each edit its own undo step, as edits further apart than the capture time are. */
function step(history: BoardHistory, edit: () => void): void {
  edit();
  (history as unknown as { um: Y.UndoManager }).um.stopCapturing();
}

describe('per-person undo', () => {
  it('keeps typing and a move made right after it as two steps, however quick', () => {
    const { a } = pair();
    const history = new BoardHistory(a);
    step(history, () => createNote(a, { id: 'n', x: 0, y: 0, text: '', author: author('pa') }));
    editNoteText(a, 'n', 'una ciclabile');
    moveNote(a, 'n', 300, 200);
    history.undo();
    expect(getNote(a, 'n')).toMatchObject({ x: 0, y: 0, text: 'una ciclabile' });
    history.undo();
    expect(getNote(a, 'n')).toMatchObject({ x: 0, y: 0, text: '' });
  });

  it('makes a version restore its own step, even right after the deletion it repairs', () => {
    const { a, b } = pair();
    const history = new BoardHistory(a);
    step(history, () => createScenario(a, { id: 's', name: 'Fiume', x: 0, y: 0 }));
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(a));
    // The mistake and its repair within the capture time: one Ctrl+Z must take back only the repair.
    deleteScenario(a, 's');
    restoreVersion(a, version, null, history);
    expect(getScenario(b, 's')).not.toBeNull();
    history.undo();
    expect(getScenario(b, 's')).toBeNull();
    history.undo();
    expect(getScenario(b, 's')).not.toBeNull();
  });

  it('undoes only this person’s edits, on both replicas, and redoes them', () => {
    const { a, b } = pair();
    const history = new BoardHistory(a);
    const mine = 'n-a';
    const theirs = 'n-b';
    step(history, () => createNote(a, { id: mine, x: 0, y: 0, text: 'mine', author: author('pa') }));
    step(history, () => moveNote(a, mine, 300, 200));
    createNote(b, { id: theirs, x: 500, y: 0, text: 'theirs', author: author('pb') });
    editNoteText(b, theirs, 'theirs, edited');

    history.undo();
    expect(getNote(b, mine)).toMatchObject({ x: 0, y: 0 });
    history.undo();
    expect(getNote(a, mine)).toBeNull();
    expect(getNote(b, mine)).toBeNull();
    expect(getNote(b, theirs)).toMatchObject({ text: 'theirs, edited', x: 500 });
    expect(history.canUndo).toBe(false);

    history.redo();
    history.redo();
    expect(getNote(b, mine)).toMatchObject({ text: 'mine', x: 300, y: 200 });
  });

  it('undoes text, colour and scenario membership, and never another person’s text in the same note', () => {
    const { a, b } = pair();
    createNote(b, { id: 'n', x: 0, y: 0, text: 'hello', author: author('pb') });
    createScenario(b, { id: 's', name: 'S', x: 0, y: 0, color: 'teal' });
    const history = new BoardHistory(a);
    step(history, () => editNoteText(a, 'n', 'hello world'));
    editNoteText(b, 'n', 'Hey, hello world');
    step(history, () => recolorNote(a, 'n', 'pink'));
    step(history, () => setNoteScenario(a, 'n', 's'));

    history.undo();
    expect(getNote(b, 'n')?.scenarioId).toBeNull();
    history.undo();
    expect(getNote(b, 'n')?.color).toBe('yellow');
    history.undo();
    expect(getNote(b, 'n')?.text).toBe('Hey, hello');
  });

  it('leaves a note it created in place when someone else has edited it since', () => {
    const { a, b } = pair();
    const history = new BoardHistory(a);
    step(history, () => createNote(a, { id: 'n', x: 0, y: 0, text: 'draft', author: author('pa') }));
    moveNote(b, 'n', 90, 90);
    history.undo();
    expect(getNote(a, 'n')).toMatchObject({ text: 'draft', x: 90, y: 90 });
    expect(getNote(b, 'n')).toMatchObject({ text: 'draft', x: 90, y: 90 });
  });

  it('brings a deleted note back with its text', () => {
    const { a, b } = pair();
    createNote(b, { id: 'n', x: 10, y: 20, text: 'keep me', author: author('pb') });
    const history = new BoardHistory(a);
    step(history, () => deleteNote(a, 'n'));
    history.undo();
    expect(getNote(b, 'n')).toMatchObject({ text: 'keep me', x: 10, y: 20 });
  });

  it('undoes prompt and scenario edits but never a phase change or a lock', () => {
    const { a } = pair();
    createScenario(a, { id: 's', name: 'S', x: 0, y: 0, color: 'teal' });
    const history = new BoardHistory(a);
    step(history, () => renameScenario(a, 's', 'Mobility'));
    step(history, () => setPhase(a, 'scenarios'));
    step(history, () => setLocked(a, true));
    step(history, () => setPrompt(a, 'scenarios', 'Group them'));
    history.undo();
    expect(readSession(a).prompts.scenarios).not.toBe('Group them');
    history.undo();
    expect(getScenario(a, 's')?.name).toBe('S');
    expect(readSession(a)).toMatchObject({ phase: 'scenarios', locked: true });
  });
});
