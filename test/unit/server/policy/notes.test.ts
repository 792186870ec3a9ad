import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT } from '../../../../shared/documentSchemas';
import { createNote, deleteNote, editNoteText, moveNote, noteText, recolorNote } from '../../../../shared/notes';
import { notesOf, readNote } from '../../../../shared/schema';
import { setPhase, setPrivateWriting } from '../../../../shared/session';
import { ada, bo, facilitator, observer, outcome, policyBoard } from '../../../helpers/policyBoard';

const as = (a: typeof ada) => ({ id: a.participantId!, name: 'Ada', sector: 'civil' as const });

describe('the notes policy', () => {
  it('lets a participant write, edit, move and delete their own notes while writing is open', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    let id = '';
    expect(outcome(b.send(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: 'Piste ciclabili', author: as(ada) }))))).toBe('ok');
    expect(outcome(b.send(ada, (d) => editNoteText(d, id, 'Piste ciclabili sicure')))).toBe('ok');
    expect(outcome(b.send(ada, (d) => moveNote(d, id, 40, 40)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => recolorNote(d, id, 'blue')))).toBe('ok');
    expect(outcome(b.send(ada, (d) => deleteNote(d, id)))).toBe('ok');
  });

  it("refuses notes in someone else's name, edits of their text and rewrites of identity fields", () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'x', author: as(bo) })))).toBe('not-yours');
    let theirs = '';
    b.send(bo, (d) => (theirs = createNote(d, { x: 0, y: 0, text: 'mine', author: as(bo) })));
    expect(outcome(b.send(ada, (d) => editNoteText(d, theirs, 'hijacked')))).toBe('not-yours');
    expect(outcome(b.send(ada, (d) => deleteNote(d, theirs)))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => notesOf(d).get(theirs)!.set('authorName', 'Someone')))).toBe('not-yours');
  });

  it("lets only the facilitator write a neutral facilitator's note, which counts in no sector", () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    let id = '';
    expect(outcome(b.send(facilitator, (d) => (id = createNote(d, { x: 0, y: 0, text: 'Benvenuti', author: { ...as(facilitator), facilitator: true } }))))).toBe('ok');
    expect(readNote(id, notesOf(b.doc).get(id)!).byFacilitator).toBe(true);
    // A participant cannot pass a note off as the facilitator's, new or old.
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'x', author: { ...as(ada), facilitator: true } })))).toBe('not-yours');
    let mine = '';
    b.send(ada, (d) => (mine = createNote(d, { x: 0, y: 0, text: 'mia', author: as(ada) })));
    expect(outcome(b.send(ada, (d) => notesOf(d).get(mine)!.set('byFacilitator', true)))).toBe('not-yours');
    expect(readNote(mine, notesOf(b.doc).get(mine)!).byFacilitator).toBe(false);
  });

  it('follows the phase: no writing in Priorities, moving any note only while clustering', () => {
    const b = policyBoard();
    let id = '';
    b.setup((d) => (id = createNote(d, { x: 0, y: 0, text: 'from the facilitator', author: as(facilitator) })));
    b.setup((d) => setPhase(d, 'priorities'));
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'late', author: as(ada) })))).toBe('phase');
    expect(outcome(b.send(ada, (d) => moveNote(d, id, 5, 5)))).toBe('phase');
    b.setup((d) => setPhase(d, 'scenarios'));
    expect(outcome(b.send(ada, (d) => moveNote(d, id, 5, 5)))).toBe('ok');
  });

  it('keeps Listening notes in the drafts while private writing is on, and drafts for their owner only', () => {
    const b = policyBoard();
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'too soon', author: as(ada) })))).toBe('private-writing');
    const drafts = b.drafts(ada.participantId!);
    expect(outcome(drafts.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'private', author: as(ada) })))).toBe('ok');
    expect(outcome(drafts.send(bo, (d) => createNote(d, { x: 0, y: 0, text: 'intruder', author: as(bo) })))).toBe('not-yours');
    expect(outcome(drafts.send(ada, (d) => d.getMap('session').set('locked', true)))).toBe('schema');
    b.setup((d) => setPrivateWriting(d, false));
    expect(outcome(drafts.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'closed', author: as(ada) })))).toBe('phase');
  });

  it('refuses note text longer than the limit, from anyone, and counts what the update leaves', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    const huge = 'x'.repeat(100_000);
    const write = (d: Y.Doc, text: string) =>
      d.transact(() => {
        const m = new Y.Map<unknown>();
        m.set('text', new Y.Text(text));
        for (const [k, v] of Object.entries({ x: 0, y: 0, color: 'yellow', authorId: ada.participantId, authorName: 'Ada', authorSector: 'civil', where: 'room', scenarioId: null, createdAt: 1 })) m.set(k, v);
        notesOf(d).set('huge-note-0001', m);
      });
    expect(outcome(b.send(ada, (d) => write(d, huge)))).toBe('limit');
    expect(outcome(b.send(facilitator, (d) => write(d, huge)))).toBe('limit');
    expect(notesOf(b.doc).size).toBe(0);

    let id = '';
    b.send(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: 'a'.repeat(MAX_NOTE_TEXT), author: as(ada) })));
    expect(noteText(b.doc, id)!.length).toBe(MAX_NOTE_TEXT);
    // Replacing characters at the limit leaves it at the limit: accepted.
    expect(outcome(b.send(ada, (d) => editNoteText(d, id, 'b' + 'a'.repeat(MAX_NOTE_TEXT - 1))))).toBe('ok');
    // One character more, typed straight into the Y.Text (past the client-side clamp): refused.
    expect(outcome(b.send(ada, (d) => noteText(d, id)!.insert(0, 'z')))).toBe('limit');
    // Many small inserts in one update add up.
    expect(outcome(b.send(ada, (d) => d.transact(() => [0, 1, 2].forEach((i) => noteText(d, id)!.insert(i, 'q')))))).toBe('limit');
    expect(outcome(b.send(ada, (d) => noteText(d, id)!.delete(0, 10)))).toBe('ok');
    expect(noteText(b.doc, id)!.length).toBe(MAX_NOTE_TEXT - 10);
  });

  it('refuses anything but characters inside note text', () => {
    const b = policyBoard();
    let id = '';
    b.setup((d) => (id = createNote(d, { x: 0, y: 0, text: 'plain', author: as(facilitator) })));
    expect(outcome(b.send(facilitator, (d) => noteText(d, id)!.insertEmbed(0, { img: 'x' })))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => noteText(d, id)!.format(0, 2, { bold: true })))).toBe('schema');
  });

  it('caps the notes per room, and still lets notes be deleted past the cap', () => {
    const b = policyBoard({ maxNotes: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) b.setup((d) => ids.push(createNote(d, { x: 0, y: 0, text: `n${i}`, author: as(facilitator) })));
    const third = b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, text: 'n2', author: as(facilitator) }));
    expect(third).toMatchObject({ ok: false, reason: 'limit' });
    expect(notesOf(b.doc).size).toBe(2);
    expect(outcome(b.send(facilitator, (d) => deleteNote(d, ids[0]!)))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, text: 'fits again', author: as(facilitator) })))).toBe('ok');
  });

  it('refuses values outside the schema and notes without an author', () => {
    const b = policyBoard();
    let id = '';
    b.setup((d) => (id = createNote(d, { x: 0, y: 0, text: 'ok', author: as(facilitator) })));
    const note = (d: Y.Doc) => notesOf(d).get(id)!;
    expect(outcome(b.send(facilitator, (d) => note(d).set('color', 'plaid')))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => note(d).set('x', Number.MAX_VALUE)))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => note(d).set('scenarioId', 'bad id!')))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => note(d).set('votes', 3)))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => note(d).set('text', 'not a Y.Text')))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => notesOf(d).set('orphan-note-1', new Y.Map())))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => notesOf(d).set('x', new Y.Map())))).toBe('schema');
  });

  it('lets observers change nothing', () => {
    const b = policyBoard();
    expect(outcome(b.send(observer, (d) => createNote(d, { x: 0, y: 0, text: 'x', author: as(ada) })))).toBe('read-only');
  });
});
