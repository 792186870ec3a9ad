/**
 * How this device may enter a room: adopts the token in the link's fragment
 * (then wipes it from the address bar), and exchanges it once for a
 * server-issued identity, kept per room so reloads stay the same person.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../shared/phases';
import { accessScope, adoptFragment, borrowedObserver, clearFragment, hasIdentity, readFragment, saveAccess, type RoomAccess } from '../lib/access';
import { identityFor } from '../lib/identityPrefetch';

export type AccessState =
  | { kind: 'loading' }
  | { kind: 'no-link' }
  | { kind: 'invalid' }
  | { kind: 'not-found' }
  | { kind: 'error' }
  | { kind: 'ready'; access: RoomAccess };

export interface RoomAccessResult {
  state: AccessState;
  /** The participant token a projector link carried, for its QR code. */
  joinToken: string | null;
  /** Records what the server's welcome says about us. */
  confirm: (role: Role, participantId: string | null) => void;
}

export function useRoomAccess(roomId: string, present: boolean): RoomAccessResult {
  const [fragment] = useState(() => readFragment(window.location.hash));
  const [state, setState] = useState<AccessState>({ kind: 'loading' });
  const scope = accessScope(roomId, present);

  useEffect(() => {
    const access = adoptFragment(scope, fragment) ?? (present ? borrowedObserver(roomId) : null);
    if (fragment.token || fragment.join) clearFragment();
    if (!access) {
      setState({ kind: 'no-link' });
      return;
    }
    if (hasIdentity(access)) {
      setState({ kind: 'ready', access });
      return;
    }
    let cancelled = false;
    // Usually already asked for while the app started (lib/identityPrefetch.ts).
    identityFor(roomId, access.token).then(
      (r) => {
        if (cancelled) return;
        if (!r.ok) {
          setState({ kind: r.invalid ? 'invalid' : 'not-found' });
          return;
        }
        const next: RoomAccess = { ...access, ...r.identity };
        saveAccess(scope, next);
        setState({ kind: 'ready', access: next });
      },
      () => !cancelled && setState({ kind: 'error' }),
    );
    return () => {
      cancelled = true;
    };
  }, [roomId, scope, present, fragment]);

  const confirm = useCallback(
    (role: Role, participantId: string | null) => {
      setState((s) => {
        if (s.kind !== 'ready' || (s.access.role === role && s.access.participantId === participantId)) return s;
        const next = { ...s.access, role, participantId };
        saveAccess(scope, next);
        return { kind: 'ready', access: next };
      });
    },
    [scope],
  );

  return { state, joinToken: fragment.join, confirm };
}
