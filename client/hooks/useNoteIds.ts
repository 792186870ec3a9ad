/** The board's list of note ids: a shallow observe, so edits inside a note
 * never re-render the board. */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { notesOf } from '../../shared/schema';
import { arrayEqual, useObserved } from './useObserved';

export function useNoteIds(doc: Y.Doc): string[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const notes = notesOf(doc);
      notes.observe(onChange);
      return () => notes.unobserve(onChange);
    },
    [doc],
  );
  return useObserved(subscribe, () => Array.from(notesOf(doc).keys()), arrayEqual);
}
