/** Other people's pointers in canvas coordinates. A cursor that has not
 * moved for a while is hidden: its owner is reading, not pointing. */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readUser, type PeerUser } from './usePeers';

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
