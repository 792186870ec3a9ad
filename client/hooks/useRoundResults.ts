/**
 * Results to show: the rounds the server has revealed (secret voting), and
 * in open voting the live round scored here from the ballots in the
 * document, with the same `scoreRound` the server runs on reveal.
 */
import { useCallback } from 'react';
import { oncePerFrame } from '../lib/throttle';
import type * as Y from 'yjs';
import type { RoundResult } from '../../shared/scoring';
import { notesOf, scenariosOf, sessionOf, votesOf } from '../../shared/schema';
import { listRoundResults, openRoundResult, resultsOf } from '../../shared/voting';
import { arrayEqual, useObserved } from './useObserved';

export function useRevealedRounds(doc: Y.Doc): RoundResult[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const results = resultsOf(doc);
      results.observe(onChange);
      return () => results.unobserve(onChange);
    },
    [doc],
  );
  return useObserved(subscribe, () => listRoundResults(doc), arrayEqual);
}

/** The open-voting round as it stands, or null when voting is secret. */
export const liveResult = openRoundResult;

/** Labels follow note text, so this observes deeply, but only while shown, and at most once a frame. */
export function useLiveResult(doc: Y.Doc): RoundResult | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const schedule = oncePerFrame(onChange);
      const types = [votesOf(doc), sessionOf(doc), notesOf(doc), scenariosOf(doc)];
      types.forEach((t) => t.observeDeep(schedule));
      return () => {
        schedule.cancel();
        types.forEach((t) => t.unobserveDeep(schedule));
      };
    },
    [doc],
  );
  return useObserved(subscribe, () => liveResult(doc));
}
