/**
 * Suggestions for a board: the same analysis on the server
 * (GET /api/rooms/:roomId/suggestions) and in the facilitator's browser.
 * Groups are proposed among the notes not yet in a scenario (what is
 * already grouped stays as the people in the room grouped it); duplicates
 * are looked for among every note on the board. Private drafts are in
 * other documents and never reach this.
 */
import type * as Y from 'yjs';
import { listNotes } from '../notes';
import type { NoteView } from '../schema';
import { suggest, type SuggestOptions, type Suggestions } from './suggest';

export type { SuggestedGroup, Suggestions } from './suggest';

/** The board's notes with text, oldest first (ties by id), so a duplicate pair names the earlier note first. */
export function notesForSuggestions(doc: Y.Doc): NoteView[] {
  return listNotes(doc)
    .filter((n) => n.text.trim() !== '')
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function suggestForBoard(doc: Y.Doc, options: Partial<SuggestOptions> = {}): Suggestions {
  const notes = notesForSuggestions(doc);
  const loose = new Set(notes.filter((n) => n.scenarioId === null).map((n) => n.id));
  return suggest(notes, options, loose);
}
