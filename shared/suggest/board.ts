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
import { suggest, type SuggestNote, type SuggestOptions, type Suggestions } from './suggest';

export type { SuggestedGroup, Suggestions } from './suggest';

/**
 * What suggestions need from a board, as plain data: the server copies it
 * out of the Y.Doc on its own thread and hands it to a worker thread, which
 * must never see the live document.
 */
export interface SuggestSnapshot {
  /** Notes with text, oldest first. */
  notes: SuggestNote[];
  /** Ids of the notes not yet in a scenario: the ones groups are proposed among. */
  looseIds: string[];
}

/** The board's notes with text, oldest first (ties by id), so a duplicate pair names the earlier note first. */
export function notesForSuggestions(doc: Y.Doc): NoteView[] {
  return listNotes(doc)
    .filter((n) => n.text.trim() !== '')
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function snapshotForSuggestions(doc: Y.Doc): SuggestSnapshot {
  const notes = notesForSuggestions(doc);
  return {
    notes: notes.map((n) => ({ id: n.id, text: n.text })),
    looseIds: notes.filter((n) => n.scenarioId === null).map((n) => n.id),
  };
}

export function suggestForSnapshot(snapshot: SuggestSnapshot, options: Partial<SuggestOptions> = {}): Suggestions {
  return suggest(snapshot.notes, options, new Set(snapshot.looseIds));
}

export function suggestForBoard(doc: Y.Doc, options: Partial<SuggestOptions> = {}): Suggestions {
  return suggestForSnapshot(snapshotForSuggestions(doc), options);
}
