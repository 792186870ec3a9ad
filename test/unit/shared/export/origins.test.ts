import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment } from '../../../../shared/comments';
import { addReaction } from '../../../../shared/reactions';
import { closeWindow, openWindow } from '../../../../shared/consultation';
import { BoardExport, exportBoard } from '../../../../shared/export/boardJson';
import { boardMarkdown } from '../../../../shared/export/markdown';
import { createNote } from '../../../../shared/notes';
import { initSession } from '../../../../shared/session';

const OPENED = Date.UTC(2026, 10, 20, 9);

function boardWithConsultation(): { doc: Y.Doc; windowId: string } {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Olona', now: OPENED - 1000 });
  const author = { id: 'participant-ada', name: 'Ada', sector: 'civil' as const };
  createNote(doc, { x: 0, y: 0, text: 'in sala', author });
  const w = openWindow(doc, { opens: { notes: true, comments: false, reactions: false, voting: false }, prompt: '', deadline: OPENED + 7 * 86_400_000, autoReveal: false }, OPENED);
  createNote(doc, { x: 0, y: 0, text: 'da casa', author, origin: w.id });
  createNote(doc, { x: 0, y: 0, text: 'ancora da casa', author, origin: w.id });
  closeWindow(doc, w.id, OPENED + 1000, 'facilitator');
  return { doc, windowId: w.id };
}

describe('exports tell the meeting and consultations apart', () => {
  it('counts notes per origin in the JSON export, keeps each note’s origin and the windows, and reads back', () => {
    const { doc, windowId } = boardWithConsultation();
    const file = exportBoard(doc, OPENED + 2000);
    expect(file.board.notesByOrigin).toEqual({ meeting: 1, [windowId]: 2 });
    expect(file.board.notes.map((n) => n.origin).sort()).toEqual(['meeting', windowId, windowId].sort());
    expect(file.board.session.consultations?.map((w) => w.id)).toEqual([windowId]);
    expect(BoardExport.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
  });

  it('says in the Markdown report how many notes came from the meeting and from each consultation', () => {
    const file = exportBoard(boardWithConsultation().doc, OPENED + 2000);
    expect(boardMarkdown(file, 'en')).toContain('- Notes by origin: In the meeting 1 · In the consultation opened 20 November 2026 2');
    expect(boardMarkdown(file, 'it')).toContain('- Note per provenienza: In incontro 1 · Nella consultazione aperta il 20 novembre 2026 2');
  });

  it('keeps each comment’s origin in the JSON export, counts comments per origin, and marks consultation comments in the Markdown report', () => {
    const { doc, windowId } = boardWithConsultation();
    const note = [...doc.getMap('notes').keys()][0]!;
    const author = { id: 'participant-bea', name: 'Bea', sector: 'public' as const };
    // Distinct times: the export orders comments by time, then by (random) id.
    addComment(doc, { itemId: note, author, text: 'detto in sala', now: OPENED + 10 });
    addComment(doc, { itemId: note, author, text: 'scritto da casa', origin: windowId, now: OPENED + 20 });
    const file = exportBoard(doc, OPENED + 2000);
    expect(file.board.comments.map((c) => [c.text, c.origin])).toEqual([
      ['detto in sala', 'meeting'],
      ['scritto da casa', windowId],
    ]);
    expect(file.board.commentsByOrigin).toEqual({ meeting: 1, [windowId]: 1 });
    expect(BoardExport.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    const en = boardMarkdown(file, 'en');
    expect(en).toContain('- Comments by origin: In the meeting 1 · In the consultation opened 20 November 2026 1');
    expect(en).toMatch(/Comment — \*Bea, Public[^*]*\* \[consultation\]: scritto da casa/);
    expect(en).not.toMatch(/\[consultation\]: detto in sala/);
    expect(boardMarkdown(file, 'it')).toContain('- Commenti per provenienza: In incontro 1 · Nella consultazione aperta il 20 novembre 2026 1');
  });
});

describe('reactions in the exports', () => {
  it('keep their origin, are counted per origin in the JSON export and the Markdown report, and read back', () => {
    const { doc, windowId } = boardWithConsultation();
    const note = createNote(doc, { x: 0, y: 0, text: 'da votare', author: { id: 'participant-ada', name: 'Ada', sector: 'civil' } });
    addReaction(doc, { itemId: note, participantId: 'participant-ada', kind: 'agree', sector: 'civil' });
    addReaction(doc, { itemId: note, participantId: 'participant-bo1', kind: 'agree', sector: 'public', origin: windowId });
    addReaction(doc, { itemId: note, participantId: 'participant-bo1', kind: 'important', sector: 'public', origin: windowId });
    const file = exportBoard(doc, OPENED + 2000);
    expect(file.board.reactionsByOrigin).toEqual({ meeting: 1, [windowId]: 2 });
    expect(file.board.reactions.map((r) => r.origin).sort()).toEqual(['meeting', windowId, windowId].sort());
    expect(boardMarkdown(file, 'en')).toContain('- Reactions by origin: In the meeting 1 · In the consultation opened 20 November 2026 2');
    expect(boardMarkdown(file, 'it')).toContain('- Reazioni per provenienza: In incontro 1 · Nella consultazione aperta il 20 novembre 2026 2');
    // A file from before origins were recorded reads as the meeting.
    const old = JSON.parse(JSON.stringify(file)) as { board: { reactions: { origin?: string }[] } };
    for (const r of old.board.reactions) delete r.origin;
    expect(BoardExport.safeParse(old).success).toBe(true);
  });
});
