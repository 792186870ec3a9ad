/** Dots on one note or scenario: the total everyone may see (null while a
 * secret round is open), and how many are mine. Every card shares the
 * board's VoteTotals, so a vote costs one tally, not one per card. */
import { useCallback } from 'react';
import { useBoard } from './useBoard';
import { shallowEqual, useObserved } from './useObserved';

export interface ItemDots {
  total: number | null;
  mine: number;
  /** Dots may be placed or removed now (a revealed secret round is closed). */
  open: boolean;
}

export function useItemDots(itemId: string): ItemDots {
  const { voteTotals, identity } = useBoard();
  const subscribe = useCallback((onChange: () => void) => voteTotals.subscribe(onChange), [voteTotals]);
  return useObserved(
    subscribe,
    () => ({ total: voteTotals.total(itemId), mine: voteTotals.mine(identity.id, itemId), open: voteTotals.open() }),
    shallowEqual,
  );
}
