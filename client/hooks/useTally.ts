/** Live ranking for the results panel. Labels follow note text, so this
 * observes deeply, but only while the panel is open, and at most once a frame. */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { notesOf, scenariosOf, sessionOf, votesOf } from '../../shared/schema';
import { tally, type TallyRow } from '../../shared/votes';
import { useObserved } from './useObserved';

export function useTally(doc: Y.Doc): TallyRow[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      let frame = 0;
      const schedule = (): void => {
        if (!frame) frame = requestAnimationFrame(() => {
          frame = 0;
          onChange();
        });
      };
      const types = [votesOf(doc), sessionOf(doc), notesOf(doc), scenariosOf(doc)];
      types.forEach((t) => t.observeDeep(schedule));
      return () => {
        cancelAnimationFrame(frame);
        types.forEach((t) => t.unobserveDeep(schedule));
      };
    },
    [doc],
  );
  return useObserved(subscribe, () => tally(doc));
}
