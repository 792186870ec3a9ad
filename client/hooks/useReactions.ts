/** Reactions on one item, per kind and sector, and which ones are mine; renders only when that item's reactions change. */
import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { summarizeReactions, type ReactionSummary } from '../../shared/reactions';
import { feedbackIndexOf } from '../lib/feedbackIndex';
import { useObserved } from './useObserved';

export function useReactions(doc: Y.Doc, itemId: string, me: string): ReactionSummary {
  const index = feedbackIndexOf(doc);
  const subscribe = useCallback((onChange: () => void) => index.subscribe(itemId, onChange), [index, itemId]);
  const reactions = useObserved(subscribe, () => index.reactionsOn(itemId));
  return useMemo(() => summarizeReactions(reactions, me), [reactions, me]);
}
