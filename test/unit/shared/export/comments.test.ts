import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAction, deleteAction } from '../../../../shared/actions';
import { addComment, commentsFor, deleteComment, editComment } from '../../../../shared/comments';
import { BoardExport, exportBoard, seedBoard } from '../../../../shared/export/boardJson';
import { boardMarkdown } from '../../../../shared/export/markdown';
import { createNote } from '../../../../shared/notes';
import { addReaction, reactionsFor } from '../../../../shared/reactions';
import { createScenario } from '../../../../shared/scenarios';
import { initSession } from '../../../../shared/session';

const ada = { id: 'participant-ada', name: 'Ada', sector: 'civil' as const };
const bo = { id: 'participant-bo0', name: 'Bo <b>', sector: 'public' as const };
const roomy = { maxNotes: 2000, maxScenarios: 200, maxActions: 200, maxDocBytes: 16 * 1024 * 1024 };

function board() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Olona', now: Date.UTC(2026, 10, 30) });
  const scenario = createScenario(doc, { name: 'Parco fluviale', x: 0, y: 0, now: 1 });
  const note = createNote(doc, { x: 5000, y: 5000, text: 'Ciclabile', author: ada, now: 2 });
  const action = createAction(doc, { title: 'Piano piste', createdBy: ada.id, now: 3 });
  const c = addComment(doc, { itemId: note, author: ada, text: 'Serve # illuminazione', now: 10 })!;
  addComment(doc, { itemId: note, parentId: c, author: bo, text: 'Anche panchine', now: 11 });
  editComment(doc, c, 'Serve # illuminazione notturna', 12);
  addComment(doc, { itemId: scenario, author: bo, text: 'Chi lo gestisce?', now: 13 });
  addComment(doc, { itemId: action, author: ada, text: 'Entro il 2027', now: 14 });
  addReaction(doc, { itemId: note, participantId: ada.id, kind: 'agree', sector: 'civil', now: 20 });
  addReaction(doc, { itemId: note, participantId: bo.id, kind: 'agree', sector: 'public', now: 21 });
  addReaction(doc, { itemId: scenario, participantId: bo.id, kind: 'question', sector: 'public', now: 22 });
  addReaction(doc, { itemId: action, participantId: 'facilitator-01', kind: 'important', sector: null, now: 23 });
  return { doc, note, scenario, action, c };
}

describe('comments and reactions in the exports', () => {
  it('are in the JSON export, parse, and seed a new board the same', () => {
    const { doc, note } = board();
    const file = exportBoard(doc, 100);
    expect(file.board.comments).toHaveLength(4);
    expect(file.board.comments[0]).toMatchObject({ itemId: note, itemKind: 'note', parentId: null, editedAt: 12, authorSector: 'civil' });
    expect(file.board.reactions).toHaveLength(4);
    const parsed = BoardExport.parse(JSON.parse(JSON.stringify(file)));
    const copy = new Y.Doc();
    initSession(copy, { title: 'Copia', now: 1 });
    seedBoard(copy, parsed.board, roomy);
    expect(commentsFor(copy, note)).toEqual(commentsFor(doc, note));
    expect(reactionsFor(copy, note)).toEqual(reactionsFor(doc, note));
  });

  it('reads files without them, and refuses comments on unknown items or duplicate reactions', () => {
    const file = exportBoard(board().doc, 100);
    const { comments: _c, reactions: _r, ...old } = file.board;
    expect(BoardExport.parse({ ...file, board: old }).board.comments).toEqual([]);
    expect(BoardExport.safeParse({ ...file, board: { ...file.board, comments: [{ ...file.board.comments[0]!, itemId: 'unknown-item' }] } }).success).toBe(false);
    expect(BoardExport.safeParse({ ...file, board: { ...file.board, reactions: [...file.board.reactions, file.board.reactions[0]!] } }).success).toBe(false);
  });

  it("leaves out what is on deleted items, and shows a deleted comment's replies as top-level", () => {
    const { doc, c, action } = board();
    deleteComment(doc, c);
    deleteAction(doc, action);
    const file = exportBoard(doc, 100);
    expect(file.board.comments.map((x) => [x.text, x.parentId])).toEqual([
      ['Anche panchine', null],
      ['Chi lo gestisce?', null],
    ]);
    expect(file.board.reactions.map((r) => r.kind)).toEqual(['agree', 'agree', 'question']);
    expect(BoardExport.safeParse(file).success).toBe(true);
  });

  it('lists threads and per-sector reaction counts under each item in the Markdown report, escaped', () => {
    const md = boardMarkdown(exportBoard(board().doc, 100), 'en');
    const lines = md.split('\n');
    const at = lines.findIndex((l) => l.startsWith('- Ciclabile'));
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  - Agree 2 (Public 1 · Civil society 1)',
      '  - Comment — *Ada, Civil society* (edited): Serve \\# illuminazione notturna',
      '    - Reply — *Bo &lt;b&gt;, Public*: Anche panchine',
    ]);
    expect(md).toContain('- Question 1 (Public 1)\n- Comment — *Bo &lt;b&gt;, Public*: Chi lo gestisce\\?');
    expect(md).toContain('- Important 1\n- Comment — *Ada, Civil society*: Entro il 2027');
    const it_ = boardMarkdown(exportBoard(board().doc, 100), 'it');
    expect(it_).toContain('  - D’accordo 2 (Pubblico 1 · Società civile 1)');
    expect(it_).toContain('    - Risposta — *Bo &lt;b&gt;, Pubblico*: Anche panchine');
  });
});
