import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_COMMENT_TEXT } from '../../../shared/documentSchemas';
import { addComment, commentCounts, commentsFor, commentsOf, deleteComment, editComment, listComments, readComment } from '../../../shared/comments';
import { createNote, deleteNote } from '../../../shared/notes';
import { createScenario } from '../../../shared/scenarios';
import { createAction } from '../../../shared/actions';

const ada = { id: 'participant-ada', name: 'Ada', sector: 'civil' as const };
const bo = { id: 'participant-bo0', name: 'Bo', sector: 'public' as const };

function board() {
  const doc = new Y.Doc();
  const note = createNote(doc, { x: 0, y: 0, text: 'Ciclabile', author: ada, now: 1 });
  return { doc, note };
}

describe('comments', () => {
  it('writes a comment on a note, scenario or action card, naming its kind and author', () => {
    const { doc, note } = board();
    const scenario = createScenario(doc, { name: 'Fiume', x: 0, y: 0 });
    const action = createAction(doc, { title: 'Piano', createdBy: ada.id });
    const c1 = addComment(doc, { itemId: note, author: ada, text: '  Sono d’accordo  ', now: 10 })!;
    addComment(doc, { itemId: scenario, author: bo, text: 'Manca il parco', now: 11 });
    addComment(doc, { itemId: action, author: bo, text: 'Chi paga?', now: 12 });
    expect(readComment(c1, commentsOf(doc).get(c1))).toMatchObject({
      itemId: note,
      itemKind: 'note',
      parentId: null,
      authorId: ada.id,
      authorName: 'Ada',
      authorSector: 'civil',
      byFacilitator: false,
      createdAt: 10,
      editedAt: null,
      text: 'Sono d’accordo',
    });
    expect(listComments(doc).map((c) => c.itemKind)).toEqual(['note', 'scenario', 'action']);
  });

  it('refuses empty text and unknown items, and clamps long text', () => {
    const { doc, note } = board();
    expect(addComment(doc, { itemId: note, author: ada, text: '   ' })).toBeNull();
    expect(addComment(doc, { itemId: 'no-such-item', author: ada, text: 'x' })).toBeNull();
    const id = addComment(doc, { itemId: note, author: ada, text: 'x'.repeat(MAX_COMMENT_TEXT + 10) })!;
    expect(readComment(id, commentsOf(doc).get(id))!.text).toHaveLength(MAX_COMMENT_TEXT);
  });

  it('threads replies one level deep, oldest first, and a reply to a reply joins its thread', () => {
    const { doc, note } = board();
    const first = addComment(doc, { itemId: note, author: ada, text: 'Primo', now: 1 })!;
    const second = addComment(doc, { itemId: note, author: bo, text: 'Secondo', now: 2 })!;
    const reply = addComment(doc, { itemId: note, parentId: first, author: bo, text: 'Risposta', now: 3 })!;
    const deeper = addComment(doc, { itemId: note, parentId: reply, author: ada, text: 'Risposta alla risposta', now: 4 })!;
    const threads = commentsFor(doc, note);
    expect(threads.map((t) => t.id)).toEqual([first, second]);
    expect(threads[0]!.replies.map((r) => r.id)).toEqual([reply, deeper]);
    expect(readComment(deeper, commentsOf(doc).get(deeper))!.parentId).toBe(first);
  });

  it('refuses a parent on another item', () => {
    const { doc, note } = board();
    const other = createNote(doc, { x: 0, y: 0, author: bo });
    const c = addComment(doc, { itemId: note, author: ada, text: 'Qui' })!;
    expect(addComment(doc, { itemId: other, parentId: c, author: bo, text: 'Là' })).toBeNull();
  });

  it('edits text with a stamp and deletes; replies of a deleted comment stay as top-level comments', () => {
    const { doc, note } = board();
    const c = addComment(doc, { itemId: note, author: ada, text: 'Bozza', now: 1 })!;
    const r = addComment(doc, { itemId: note, parentId: c, author: bo, text: 'Ok', now: 2 })!;
    expect(editComment(doc, c, 'Versione finale', 50)).toBe(true);
    expect(commentsFor(doc, note)[0]).toMatchObject({ text: 'Versione finale', editedAt: 50 });
    expect(editComment(doc, c, '  ')).toBe(false);
    expect(deleteComment(doc, c)).toBe(true);
    expect(deleteComment(doc, c)).toBe(false);
    expect(commentsFor(doc, note).map((t) => t.id)).toEqual([r]);
  });

  it('counts comments per item, and ignores malformed entries', () => {
    const { doc, note } = board();
    addComment(doc, { itemId: note, author: ada, text: 'a' });
    addComment(doc, { itemId: note, author: bo, text: 'b' });
    commentsOf(doc).set('junk-entry', new Y.Map());
    expect(commentCounts(doc).get(note)).toBe(2);
    deleteNote(doc, note);
    expect(listComments(doc)).toHaveLength(2);
  });
});
