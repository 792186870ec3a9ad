/** Who is online, from y-websocket awareness. Cursor moves also fire
 * `change`, so the list is compared by value and only re-renders when
 * someone joins, leaves or renames. */
import { useCallback } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../../shared/phases';
import { isSector, isWhere, type Sector, type Where } from '../../shared/schema';
import { useObserved } from './useObserved';

export interface PeerUser {
  clientId: number;
  id: string;
  name: string;
  sector: Sector;
  color: string;
  where: Where;
  role: Role;
  isSelf: boolean;
}

const isRole = (v: unknown): v is Role => v === 'facilitator' || v === 'participant' || v === 'observer';

export function readUser(clientId: number, state: Record<string, unknown>, selfId: number): PeerUser | null {
  const u = state['user'] as Partial<PeerUser> | undefined;
  if (!u || typeof u.id !== 'string' || typeof u.name !== 'string' || !isSector(u.sector)) return null;
  return {
    clientId,
    id: u.id,
    name: u.name,
    sector: u.sector,
    color: typeof u.color === 'string' ? u.color : '#555',
    where: isWhere(u.where) ? u.where : 'remote',
    role: isRole(u.role) ? u.role : 'participant',
    isSelf: clientId === selfId,
  };
}

const samePeers = (a: PeerUser[], b: PeerUser[]): boolean =>
  a.length === b.length && a.every((p, i) => JSON.stringify(p) === JSON.stringify(b[i]));

export function usePeers(awareness: Awareness): PeerUser[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  return useObserved(
    subscribe,
    () => {
      const out: PeerUser[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = readUser(clientId, state, awareness.clientID);
        if (user) out.push(user);
      });
      // Several tabs of one person show once; self first, then by name.
      const seen = new Set<string>();
      return out
        .sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name))
        .filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
    },
    samePeers,
  );
}
