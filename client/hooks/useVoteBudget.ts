/** This participant's dots: how many they may still place, out of how many
 * (from the server's ballot in secret voting, from the document in open). */
import { useCallback } from 'react';
import type { VoteBudget } from '../lib/voteTotals';
import { useBoard } from './useBoard';
import { shallowEqual, useObserved } from './useObserved';

export type { VoteBudget };

export function useVoteBudget(): VoteBudget {
  const { voteTotals, identity } = useBoard();
  const subscribe = useCallback((onChange: () => void) => voteTotals.subscribe(onChange), [voteTotals]);
  return useObserved(subscribe, () => voteTotals.budget(identity.id), shallowEqual);
}
