import { describe, expect, it } from 'vitest';
import { commit, createAction } from '../../../../shared/actions';
import { addComment } from '../../../../shared/comments';
import { createNote, deleteNote, editNoteText } from '../../../../shared/notes';
import { toggleReaction } from '../../../../shared/reactions';
import { setPhase } from '../../../../shared/session';
import { ada, bo, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

const adaNote = { id: 'ada-note-1', x: 0, y: 0, text: 'Ada wrote this', author: { id: ada.participantId!, name: 'Ada', sector: 'civil' as const } };

describe('the content of a participant who erased their data', () => {
  it('is refused to the facilitator: a note re-created in their name, a comment, a reaction, a commitment', () => {
    const b = policyBoard();
    b.setup((d) => {
      setPhase(d, 'codesign');
      createNote(d, { ...adaNote, id: 'bo-note-01', author: { id: bo.participantId!, name: 'Bo', sector: 'private' } });
    });
    let actionId = '';
    b.setup((d) => (actionId = createAction(d, { title: 'Greenway', createdBy: facilitator.participantId! })));
    b.erased.add(ada.participantId!);

    expect(outcome(b.send(facilitator, (d) => createNote(d, adaNote)))).toBe('erased');
    expect(outcome(b.send(facilitator, (d) => addComment(d, { itemId: 'bo-note-01', author: { id: ada.participantId!, name: 'Ada', sector: 'civil' }, text: 'mine' })))).toBe('erased');
    expect(outcome(b.send(facilitator, (d) => toggleReaction(d, { itemId: 'bo-note-01', participantId: ada.participantId!, kind: 'agree', sector: 'civil' })))).toBe('erased');
    expect(outcome(b.send(facilitator, (d) => commit(d, actionId, 'civil', { participantId: ada.participantId!, name: 'Ada' })))).toBe('erased');
    // Everyone else's content, and changes that name nobody, go on as before.
    expect(outcome(b.send(facilitator, (d) => createNote(d, { ...adaNote, id: 'fac-note-01', author: { id: facilitator.participantId!, name: 'F', sector: 'public' } })))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => editNoteText(d, 'bo-note-01', 'Bo, edited')))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => deleteNote(d, 'bo-note-01')))).toBe('ok');
  });

  it('is still theirs to write anew: erasing does not retire their identity', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    b.erased.add(ada.participantId!);
    expect(outcome(b.send(ada, (d) => createNote(d, adaNote)))).toBe('ok');
    expect(outcome(b.send(bo, (d) => createNote(d, { ...adaNote, id: 'bo-note-02', author: { id: bo.participantId!, name: 'Bo', sector: 'private' } })))).toBe('ok');
  });
});
