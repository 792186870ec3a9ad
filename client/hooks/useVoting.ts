/** The voting round as everyone sees it: settings, round and state, and for
 * facilitators how many people have voted so far (never what). */
import { useCallback } from 'react';
import type { VoteSettings, VotingStatus } from '../../shared/voting';
import type { VoteRefusal } from '../lib/voteTotals';
import { useBoard } from './useBoard';
import { shallowEqual, useObserved } from './useObserved';

export interface VotingView {
  settings: VoteSettings;
  status: VotingStatus;
  /** Facilitators only, from the server; null until it reports. */
  voters: number | null;
  refusal: VoteRefusal | null;
}

const sameVoting = (a: VotingView, b: VotingView): boolean =>
  shallowEqual(a.settings, b.settings) && shallowEqual(a.status, b.status) && a.voters === b.voters && a.refusal === b.refusal;

export function useVoting(): VotingView {
  const { voteTotals } = useBoard();
  const subscribe = useCallback((onChange: () => void) => voteTotals.subscribe(onChange), [voteTotals]);
  return useObserved(
    subscribe,
    () => ({ settings: voteTotals.settings(), status: voteTotals.status(), voters: voteTotals.voters(), refusal: voteTotals.lastRefusal() }),
    sameVoting,
  );
}

/** Whether a secret round is being cast right now (see shared/voting `secretRoundOpen`). */
export function useSecretRoundOpen(): boolean {
  const { voteTotals } = useBoard();
  const subscribe = useCallback((onChange: () => void) => voteTotals.subscribe(onChange), [voteTotals]);
  return useObserved(subscribe, () => voteTotals.secretRoundOpen());
}
