/**
 * A board's first request, sent as the app's script starts, before React and
 * the screens are evaluated and rendered: a link without a server identity
 * asks for one, and the board's socket cannot open before the answer. With
 * the identity known (stored, or answered), the board's session opens at
 * once (lib/earlySession.ts).
 * useRoomAccess takes this answer instead of asking again (asking twice
 * would make two identities for one person). Nothing is stored here; the
 * hook still adopts the link and saves what the server says, as before.
 */
import { accessFromFragment, accessScope, borrowedObserver, hasIdentity, loadAccess, readFragment, requestIdentity, type IdentityResult } from './access';
import { openEarlySession } from './earlySession';
import { parseRoute } from './route';

const prefetched = new Map<string, Promise<IdentityResult>>();
const keyOf = (roomId: string, token: string): string => `${roomId}\n${token}`;

/** Asks for the identity this page's board link will need, if it needs one. */
export function prefetchIdentity(): void {
  const route = parseRoute(window.location.pathname);
  if (route.kind !== 'board' && route.kind !== 'present') return;
  const present = route.kind === 'present';
  const stored = loadAccess(accessScope(route.roomId, present));
  // The same access useRoomAccess will adopt (see there).
  const access = accessFromFragment(stored, readFragment(window.location.hash)) ?? (present ? borrowedObserver(route.roomId) : null);
  if (!access) return;
  if (hasIdentity(access)) {
    openEarlySession(route.roomId, present, access);
    return;
  }
  const answer = requestIdentity(route.roomId, access.token);
  // The hook that takes it sees a failure; until then it is no unhandled rejection.
  answer.then((r) => r.ok && openEarlySession(route.roomId, present, { token: access.token, identityToken: r.identity.identityToken })).catch(() => undefined);
  prefetched.set(keyOf(route.roomId, access.token), answer);
}

/** The answer asked for early for this room and token, once; otherwise a new request. */
export function identityFor(roomId: string, token: string): Promise<IdentityResult> {
  const key = keyOf(roomId, token);
  const early = prefetched.get(key);
  prefetched.delete(key);
  return early ?? requestIdentity(roomId, token);
}
