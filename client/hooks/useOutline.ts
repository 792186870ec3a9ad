/**
 * The outline model (client/lib/outline.ts) of the board, the participant's
 * drafts and the dots this viewer may see, rebuilt at most once a frame
 * after any of them changed, and kept (same reference) when nothing it
 * shows moved.
 */
import { useCallback } from 'react';
import { oncePerFrame } from '../lib/throttle';
import type * as Y from 'yjs';
import type { VoteTotals } from '../lib/voteTotals';
import { outlineOf, viewerDots, type OutlineModel } from '../lib/outline';
import { useObserved } from './useObserved';

// The model is small plain data: comparing it as JSON is exact and cheap beside a render.
const sameModel = (a: OutlineModel, b: OutlineModel): boolean => JSON.stringify(a) === JSON.stringify(b);

export function useOutline(doc: Y.Doc, drafts: Y.Doc | null, voteTotals: VoteTotals, viewerId: string): OutlineModel {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const schedule = oncePerFrame(onChange);
      doc.on('update', schedule);
      drafts?.on('update', schedule);
      const offVotes = voteTotals.subscribe(schedule);
      return () => {
        schedule.cancel();
        doc.off('update', schedule);
        drafts?.off('update', schedule);
        offVotes();
      };
    },
    [doc, drafts, voteTotals],
  );
  return useObserved(subscribe, () => outlineOf(doc, { dots: viewerDots(voteTotals, viewerId), drafts }), sameModel);
}
