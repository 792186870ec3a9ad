/** This participant's dots: how many they may still place, out of how many. */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { notesOf, scenariosOf, sessionOf, votesOf } from '../../shared/schema';
import { getSession } from '../../shared/session';
import { remainingDots } from '../../shared/votes';
import { shallowEqual, useObserved } from './useObserved';

export interface VoteBudget {
  remaining: number;
  budget: number;
}

export function useVoteBudget(doc: Y.Doc, participantId: string): VoteBudget {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // Deleting an item returns its dots, so item existence matters too.
      const types = [votesOf(doc), sessionOf(doc), notesOf(doc), scenariosOf(doc)];
      types.forEach((t) => t.observe(onChange));
      return () => types.forEach((t) => t.unobserve(onChange));
    },
    [doc],
  );
  return useObserved(
    subscribe,
    () => ({ remaining: remainingDots(doc, participantId), budget: getSession(doc).dotsPerPerson }),
    shallowEqual,
  );
}
