/** Other people's pointers in canvas coordinates. A cursor that has not
 * moved for a while is hidden: its owner is reading, not pointing. While a
 * secret round is open a participant's pointer would show which "+" they
 * press: they stop sending it and nobody draws another participant's (the
 * server drops them too); the facilitator's stays, on the projector too. */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/phases';
import { readUser, type PeerUser } from './usePeers';
import { useSecretRoundOpen } from './useVoting';

export interface PeerCursor {
  user: PeerUser;
  x: number;
  y: number;
}

const STALE_AFTER_MS = 8000;

interface Seen {
  x: number;
  y: number;
  at: number;
}

export function useCursors(awareness: Awareness): PeerCursor[] {
  const [cursors, setCursors] = useState<PeerCursor[]>([]);

  useEffect(() => {
    // Peers' clocks differ from ours, so staleness is measured on our clock.
    const seen = new Map<number, Seen>();
    const collect = (): void => {
      const now = Date.now();
      const out: PeerCursor[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const user = readUser(clientId, state, awareness.clientID);
        const c = state['cursor'] as { x?: unknown; y?: unknown } | null | undefined;
        if (!user || !c || typeof c.x !== 'number' || typeof c.y !== 'number') {
          seen.delete(clientId);
          return;
        }
        const prev = seen.get(clientId);
        const s = prev && prev.x === c.x && prev.y === c.y ? prev : { x: c.x, y: c.y, at: now };
        seen.set(clientId, s);
        if (now - s.at < STALE_AFTER_MS) out.push({ user, x: s.x, y: s.y });
      });
      setCursors(out);
    };
    awareness.on('change', collect);
    const timer = setInterval(collect, 2000);
    collect();
    return () => {
      awareness.off('change', collect);
      clearInterval(timer);
    };
  }, [awareness]);

  return cursors;
}

/** Whether this device may share its pointer now; when that stops, the last position is withdrawn. */
export function usePointerShared(awareness: Awareness, role: Role): boolean {
  const secret = useSecretRoundOpen();
  // Observers (the projector) have no pointer worth sharing.
  const shared = role === 'facilitator' || (role === 'participant' && !secret);
  useEffect(() => {
    if (!shared && awareness.getLocalState()?.['cursor']) awareness.setLocalStateField('cursor', null);
  }, [awareness, shared]);
  return shared;
}

/** Whose pointers to draw: in a crowd or during a secret round, only the facilitator's. */
export function useFacilitatorCursorOnly(crowd: boolean): boolean {
  return useSecretRoundOpen() || crowd;
}
