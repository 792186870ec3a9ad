/** The comment threads on one note, scenario or action card; renders only when that item's comments change. */
import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { threadsOf, type CommentNode } from '../../shared/comments';
import { feedbackIndexOf } from '../lib/feedbackIndex';
import { useObserved } from './useObserved';

export function useComments(doc: Y.Doc, itemId: string): { threads: CommentNode[]; count: number } {
  const index = feedbackIndexOf(doc);
  const subscribe = useCallback((onChange: () => void) => index.subscribe(itemId, onChange), [index, itemId]);
  const comments = useObserved(subscribe, () => index.commentsOn(itemId));
  return useMemo(() => ({ threads: threadsOf(comments), count: comments.length }), [comments]);
}
