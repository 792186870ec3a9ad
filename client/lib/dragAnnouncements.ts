/**
 * What a screen reader hears while a note is moved with dnd-kit: which note
 * was picked up, and where it was dropped, naming the scenario it landed in
 * (or none). dnd-kit calls the canvas's onDragEnd, which writes the drop,
 * before it asks for the announcement, so the note already says where it is.
 */
import type { Active, Announcements } from '@dnd-kit/core';
import type * as Y from 'yjs';
import { getNote } from '../../shared/notes';
import { itemLabel, type EmptyLabels } from './itemLabel';

export interface DraggedNote {
  /** The note's words, short (lib/itemLabel.ts). */
  note: string;
  /** The scenario it is in now, by name; null for none. */
  scenario: string | null;
  /** A private draft: drafts are never in a scenario. */
  draft: boolean;
}

type Translate = (key: string, values?: Record<string, string>) => string;

/** The drag id to describe: a chip's drag (one draggable for all chips, components/ChipDrag) names its note in its data. */
function dragIdOf(active: Active): string {
  const data = active.data?.current as { noteId?: unknown } | undefined;
  return typeof data?.noteId === 'string' ? data.noteId : String(active.id);
}

export function noteDragAnnouncements(t: Translate, describe: (dragId: string) => DraggedNote | null): Announcements {
  const about = (active: Active): DraggedNote => describe(dragIdOf(active)) ?? { note: '', scenario: null, draft: false };
  return {
    onDragStart: ({ active }) => t('a11y.drag.picked', { note: about(active).note }),
    // Moves are not narrated step by step: a note has no position worth reading out.
    onDragOver: () => undefined,
    onDragMove: () => undefined,
    onDragEnd: ({ active }) => {
      const d = about(active);
      if (d.draft) return t('a11y.drag.droppedDraft', { note: d.note });
      return d.scenario === null ? t('a11y.drag.droppedOut', { note: d.note }) : t('a11y.drag.droppedIn', { note: d.note, scenario: d.scenario });
    },
    onDragCancel: ({ active }) => t('a11y.drag.cancelled', { note: about(active).note }),
  };
}

/**
 * The note behind a drag id: on the board, or among the private drafts when
 * the id starts with `draftPrefix` (drafts live in another document).
 */
export function describeDraggedNote(board: Y.Doc, drafts: Y.Doc | null, dragId: string, draftPrefix: string, empty: EmptyLabels): DraggedNote | null {
  const draft = dragId.startsWith(draftPrefix);
  const source = draft ? drafts : board;
  const id = draft ? dragId.slice(draftPrefix.length) : dragId;
  const note = source ? getNote(source, id) : null;
  if (!source || !note) return null;
  const scenarioId = draft ? null : note.scenarioId;
  return { note: itemLabel(source, id, empty), scenario: scenarioId ? itemLabel(board, scenarioId, empty) : null, draft };
}
