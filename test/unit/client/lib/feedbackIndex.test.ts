import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, deleteComment, editComment } from '../../../../shared/comments';
import { createNote } from '../../../../shared/notes';
import { addReaction, removeReaction } from '../../../../shared/reactions';
import { feedbackIndexOf } from '../../../../client/lib/feedbackIndex';

const ada = { id: 'participant-ada', name: 'Ada', sector: 'civil' as const };

describe('the comments and reactions index', () => {
  it("tells only the items whose comments or reactions changed, and keeps the others' arrays", () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { x: 0, y: 0, author: ada });
    const b = createNote(doc, { x: 0, y: 0, author: ada });
    const index = feedbackIndexOf(doc);
    expect(feedbackIndexOf(doc)).toBe(index);
    const calls = { a: 0, b: 0 };
    index.subscribe(a, () => calls.a++);
    index.subscribe(b, () => calls.b++);

    const c = addComment(doc, { itemId: a, author: ada, text: 'Uno' })!;
    expect(calls).toEqual({ a: 1, b: 0 });
    const before = index.commentsOn(a);
    const bBefore = index.commentsOn(b);
    addReaction(doc, { itemId: b, participantId: ada.id, kind: 'agree', sector: 'civil' });
    expect(calls).toEqual({ a: 1, b: 1 });
    expect(index.commentsOn(a)).toBe(before);
    expect(index.commentsOn(b)).toBe(bBefore);
    editComment(doc, c, 'Uno, modificato');
    expect(calls).toEqual({ a: 2, b: 1 });
    expect(index.commentsOn(a)[0]!.text).toBe('Uno, modificato');
    expect(index.reactionsOn(b)).toHaveLength(1);
    deleteComment(doc, c);
    removeReaction(doc, { itemId: b, participantId: ada.id, kind: 'agree' });
    expect(calls).toEqual({ a: 3, b: 2 });
    expect(index.commentsOn(a)).toEqual([]);
    expect(index.reactionsOn(b)).toEqual([]);
  });

  it('sees what a remote update brings', () => {
    const doc = new Y.Doc();
    const note = createNote(doc, { x: 0, y: 0, author: ada });
    const index = feedbackIndexOf(doc);
    let told = 0;
    index.subscribe(note, () => told++);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    addComment(remote, { itemId: note, author: ada, text: 'Da lontano' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(told).toBe(1);
    expect(index.commentsOn(note).map((c) => c.text)).toEqual(['Da lontano']);
  });
});
