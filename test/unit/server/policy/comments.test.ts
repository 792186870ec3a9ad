import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMENT_TEXT } from '../../../../shared/documentSchemas';
import { addComment, addCommentMap, commentsOf, deleteComment, editComment } from '../../../../shared/comments';
import { createNote } from '../../../../shared/notes';
import { setLocked, setPhase, setPremoderation, setPrivateWriting } from '../../../../shared/session';
import { ada, bo, facilitator, observer, outcome, policyBoard } from '../../../helpers/policyBoard';

const asAda = { id: ada.participantId!, name: 'Ada', sector: 'civil' as const };
const asBo = { id: bo.participantId!, name: 'Bo', sector: 'public' as const };

function withNote(limits = {}) {
  const b = policyBoard(limits);
  let note = '';
  b.setup((d) => (note = createNote(d, { x: 0, y: 0, text: 'Ciclabile', author: { id: facilitator.participantId!, name: 'F', sector: 'other', facilitator: true } })));
  return { b, note };
}

function copyAs(m: Y.Map<unknown>, authorId: string): Y.Map<unknown> {
  const out = new Y.Map<unknown>();
  for (const [k, v] of m.entries()) out.set(k, k === 'authorId' ? authorId : v);
  return out;
}

describe('the comments policy', () => {
  it('lets participants comment and reply in any phase, and edit and delete their own', () => {
    const { b, note } = withNote();
    let c = '';
    expect(outcome(b.send(ada, (d) => (c = addComment(d, { itemId: note, author: asAda, text: 'Bene' })!)))).toBe('ok');
    for (const phase of ['scenarios', 'priorities', 'codesign'] as const) {
      b.setup((d) => setPhase(d, phase));
      expect(outcome(b.send(bo, (d) => addComment(d, { itemId: note, parentId: c, author: asBo, text: `In ${phase}` })))).toBe('ok');
    }
    expect(outcome(b.send(ada, (d) => editComment(d, c, 'Molto bene')))).toBe('ok');
    expect(outcome(b.send(ada, (d) => deleteComment(d, c)))).toBe('ok');
  });

  it("refuses editing or deleting someone else's comment, and rewriting who or what it is about", () => {
    const { b, note } = withNote();
    let c = '';
    b.send(ada, (d) => (c = addComment(d, { itemId: note, author: asAda, text: 'Mio' })!));
    expect(outcome(b.send(bo, (d) => editComment(d, c, 'Non tuo')))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => deleteComment(d, c)))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => commentsOf(d).get(c)!.delete('text')))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => commentsOf(d).get(c)!.set('editedAt', 5)))).toBe('not-yours');
    expect(outcome(b.send(ada, (d) => commentsOf(d).get(c)!.set('authorId', bo.participantId!)))).toBe('not-yours');
    // Replacing the whole comment under its id deletes the original.
    expect(outcome(b.send(bo, (d) => commentsOf(d).set(c, copyAs(commentsOf(d).get(c)!, bo.participantId!))))).toBe('not-yours');
    expect(outcome(b.send(facilitator, (d) => editComment(d, c, 'Moderato')))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => deleteComment(d, c)))).toBe('ok');
  });

  it('refuses comments written as someone else or as the facilitator', () => {
    const { b, note } = withNote();
    expect(outcome(b.send(bo, (d) => addComment(d, { itemId: note, author: asAda, text: 'Finto' })))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => addComment(d, { itemId: note, author: { ...asBo, facilitator: true }, text: 'Finto' })))).toBe('not-yours');
  });

  it('refuses observers and a locked board, but not the facilitator', () => {
    const { b, note } = withNote();
    expect(outcome(b.send(observer, (d) => addComment(d, { itemId: note, author: asAda, text: 'x' })))).toBe('read-only');
    b.setup((d) => setLocked(d, true));
    expect(outcome(b.send(ada, (d) => addComment(d, { itemId: note, author: asAda, text: 'x' })))).toBe('locked');
    expect(outcome(b.send(facilitator, (d) => addComment(d, { itemId: note, author: { id: facilitator.participantId!, name: 'F', sector: 'other' }, text: 'x' })))).toBe('ok');
  });

  it('refuses unknown items, bad parents, over-long text, missing keys and the cap', () => {
    const { b, note } = withNote({ maxComments: 2 });
    const raw = (d: Y.Doc, id: string, fields: Record<string, unknown>) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
      commentsOf(d).set(id, m);
    };
    const base = { itemId: note, itemKind: 'note', parentId: null, authorId: ada.participantId, authorName: 'Ada', authorSector: 'civil', createdAt: 1, text: 'ok' };
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, itemId: 'no-such-note' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, itemKind: 'scenario' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, parentId: 'missing-parent' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, text: 'x'.repeat(MAX_COMMENT_TEXT + 1) })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, text: '' })))).toBe('schema');
    const { itemId: _gone, ...noItem } = base;
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', noItem)))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', { ...base, hidden: true })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0001', base)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0002', { ...base, parentId: 'comment-0001' })))).toBe('ok');
    // A reply to a reply would be a second level.
    expect(outcome(b.send(facilitator, (d) => deleteComment(d, 'comment-0001')))).toBe('ok');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0003', { ...base, parentId: 'comment-0002' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0003', base)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => raw(d, 'comment-0004', base)))).toBe('limit');
    expect(outcome(b.send(ada, (d) => commentsOf(d).get('comment-0003')!.set('text', 'x'.repeat(MAX_COMMENT_TEXT + 1))))).toBe('schema');
  });

  it('under pre-moderation sends new comments to the author’s drafts, pending, and keeps approved text as approved', () => {
    const { b, note } = withNote();
    let mine = '';
    b.send(ada, (d) => (mine = addComment(d, { itemId: note, author: asAda, text: 'Prima' })!));
    b.setup((d) => {
      setPrivateWriting(d, false);
      setPremoderation(d, true);
    });
    const drafts = b.drafts(ada.participantId!);
    expect(outcome(b.send(ada, (d) => addComment(d, { itemId: note, author: asAda, text: 'Sulla lavagna' })))).toBe('moderated');
    expect(outcome(drafts.send(ada, (d) => addComment(d, { itemId: note, author: asAda, text: 'In attesa', board: b.doc })))).toBe('ok');
    // A reply waiting for approval answers a comment on the board.
    expect(outcome(drafts.send(ada, (d) => addComment(d, { itemId: note, parentId: mine, author: asAda, text: 'Risposta', board: b.doc })))).toBe('ok');
    // Not marked pending: it would be a draft nobody reviews.
    const unsent = { id: 'c'.repeat(16), itemId: note, itemKind: 'note' as const, parentId: null, authorId: asAda.id, authorName: 'Ada', authorSector: 'civil' as const, byFacilitator: false, createdAt: 1, editedAt: null, text: 'Non inviato', origin: 'meeting' };
    expect(outcome(drafts.send(ada, (d) => addCommentMap(d, unsent)))).toBe('moderated');
    expect(outcome(b.send(ada, (d) => editComment(d, mine, 'Cambiato dopo')))).toBe('moderated');
    expect(outcome(b.send(ada, (d) => deleteComment(d, mine)))).toBe('ok');
    // Pending is a state of the drafts only, for the facilitator too.
    expect(outcome(b.send(facilitator, (d) => addComment(d, { itemId: note, author: { id: facilitator.participantId!, name: 'F', sector: 'other' }, text: 'x', board: d })))).toBe('schema');
    // With pre-moderation off, the drafts take no comments.
    b.setup((d) => setPremoderation(d, false));
    expect(outcome(drafts.send(ada, (d) => addComment(d, { itemId: note, author: asAda, text: 'Dopo', board: b.doc })))).toBe('phase');
  });
});
