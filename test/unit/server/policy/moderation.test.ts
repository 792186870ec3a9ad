import { describe, expect, it } from 'vitest';
import { createNote, editNoteText, moveNote } from '../../../../shared/notes';
import { notesOf } from '../../../../shared/schema';
import { setPhase, setPremoderation } from '../../../../shared/session';
import { ada, bo, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

const as = (a: typeof ada) => ({ id: a.participantId!, name: 'Ada', sector: 'civil' as const });

/** A board in Discussion (no private writing) with pre-moderation on. */
function moderated() {
  const b = policyBoard();
  b.setup((d) => setPhase(d, 'discussion'));
  b.setup((d) => setPremoderation(d, true));
  return b;
}

describe('the notes policy under pre-moderation', () => {
  it('sends new participant notes to their own drafts, marked pending, never to the board', () => {
    const b = moderated();
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'diretta', author: as(ada) })))).toBe('moderated');
    const drafts = b.drafts(ada.participantId!);
    expect(outcome(drafts.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'privata', author: as(ada) })))).toBe('moderated');
    let id = '';
    expect(outcome(drafts.send(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: 'in attesa', author: as(ada), pending: true }))))).toBe('ok');
    // Its author types on and moves it while it waits, but cannot take it out of the queue by clearing the mark.
    expect(outcome(drafts.send(ada, (d) => editNoteText(d, id, 'in attesa, corretta')))).toBe('ok');
    expect(outcome(drafts.send(ada, (d) => moveNote(d, id, 40, 40)))).toBe('ok');
    expect(outcome(drafts.send(ada, (d) => notesOf(d).get(id)!.delete('pending')))).toBe('not-yours');
    // Someone else's drafts stay theirs.
    expect(outcome(b.drafts(ada.participantId!).send(bo, (d) => createNote(d, { x: 0, y: 0, author: as(bo), pending: true })))).toBe('not-yours');
  });

  it('never lets a board note be marked pending, by anyone', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, author: as(ada), pending: true })))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, author: as(facilitator), pending: true })))).toBe('schema');
  });

  it('fixes the text of board notes for participants while it is on, and leaves the facilitator free', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    let mine = '';
    b.send(ada, (d) => (mine = createNote(d, { x: 0, y: 0, text: 'approvata', author: as(ada) })));
    b.setup((d) => setPremoderation(d, true));
    expect(outcome(b.send(ada, (d) => editNoteText(d, mine, 'cambiata dopo')))).toBe('moderated');
    expect(outcome(b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, text: 'del facilitatore', author: as(facilitator) })))).toBe('ok');
  });

  it('leaves the pre-moderation switch to the facilitator', () => {
    const b = policyBoard();
    expect(outcome(b.send(ada, (d) => setPremoderation(d, true)))).toBe('facilitator-only');
    expect(outcome(b.send(facilitator, (d) => setPremoderation(d, true)))).toBe('ok');
  });
});
