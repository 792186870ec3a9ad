/** Notes per scenario. Recounted only when a note appears, disappears or
 * changes frame; typing and moving within a frame cost nothing. */
import { useCallback } from 'react';
import * as Y from 'yjs';
import { notesOf } from '../../shared/schema';
import { scenarioNoteCounts } from '../../shared/scenarios';
import { useObserved } from './useObserved';

const sameCounts = (a: Map<string, number>, b: Map<string, number>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export function useScenarioCounts(doc: Y.Doc): Map<string, number> {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const notes = notesOf(doc);
      const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
        const relevant = events.some(
          (e) => e.target === notes || (e instanceof Y.YMapEvent && e.keysChanged.has('scenarioId')),
        );
        if (relevant) onChange();
      };
      notes.observeDeep(onDeep);
      return () => notes.unobserveDeep(onDeep);
    },
    [doc],
  );
  return useObserved(subscribe, () => scenarioNoteCounts(doc), sameCounts);
}
