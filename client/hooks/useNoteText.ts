/** A note's text as a string, for places that show it read-only (lists). */
import { useCallback } from 'react';
import * as Y from 'yjs';
import { noteText } from '../../shared/notes';
import { notesOf } from '../../shared/schema';
import { useObserved } from './useObserved';

export function useNoteText(doc: Y.Doc, id: string): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const m = notesOf(doc).get(id);
      m?.observeDeep(onChange);
      return () => m?.unobserveDeep(onChange);
    },
    [doc, id],
  );
  return useObserved(subscribe, () => noteText(doc, id)?.toString() ?? '');
}
