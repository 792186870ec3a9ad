/** Dots on one note or scenario: the total, and how many are mine. Every
 * card shares the board's VoteTotals, so a vote costs one tally, not one per card. */
import { useCallback } from 'react';
import { dotsOn } from '../../shared/votes';
import { useBoard } from './useBoard';
import { shallowEqual, useObserved } from './useObserved';

export interface ItemDots {
  total: number;
  mine: number;
}

export function useItemDots(itemId: string): ItemDots {
  const { doc, voteTotals, identity } = useBoard();
  const subscribe = useCallback((onChange: () => void) => voteTotals.subscribe(onChange), [voteTotals]);
  return useObserved(
    subscribe,
    () => ({ total: voteTotals.total(itemId), mine: dotsOn(doc, identity.id, itemId) }),
    shallowEqual,
  );
}
