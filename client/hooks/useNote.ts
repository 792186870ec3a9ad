/**
 * One note's plain fields, observed on its own Y.Map only. The text is left
 * out on purpose: it is bound to the textarea directly (useYTextArea), so
 * typing does not re-render the card.
 */
import { useCallback } from 'react';
import * as Y from 'yjs';
import { notesOf, readNote, type NoteView } from '../../shared/schema';
import { shallowEqual, useObserved } from './useObserved';

export type NoteMeta = Omit<NoteView, 'text'> & { ytext: Y.Text | null };

function readMeta(doc: Y.Doc, id: string): NoteMeta | null {
  const m = notesOf(doc).get(id);
  if (!m) return null;
  // readNote also reads the text; drop it so a text edit can't look like a change.
  const { text: _text, ...meta } = readNote(id, m);
  const ytext = m.get('text');
  return { ...meta, ytext: ytext instanceof Y.Text ? ytext : null };
}

const equalMeta = (a: NoteMeta | null, b: NoteMeta | null): boolean => (a && b ? shallowEqual(a, b) : a === b);

export function useNote(doc: Y.Doc, id: string): NoteMeta | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const notes = notesOf(doc);
      let current = notes.get(id);
      current?.observe(onChange);
      // The note map itself can be replaced or deleted by a peer.
      const onNotes = (e: Y.YMapEvent<Y.Map<unknown>>): void => {
        if (!e.keysChanged.has(id)) return;
        current?.unobserve(onChange);
        current = notes.get(id);
        current?.observe(onChange);
        onChange();
      };
      notes.observe(onNotes);
      return () => {
        notes.unobserve(onNotes);
        current?.unobserve(onChange);
      };
    },
    [doc, id],
  );
  return useObserved(subscribe, () => readMeta(doc, id), equalMeta);
}
