/** Routes, read from the history API; no router library needed. */
import { isRoomId } from '../../shared/ids';

export type Route =
  | { kind: 'home' }
  | { kind: 'board'; roomId: string }
  | { kind: 'present'; roomId: string }
  /** The facilitator's printable report. */
  | { kind: 'report'; roomId: string }
  /** The projector's short link, `/j/K7P2Q-X9M4T`. */
  | { kind: 'join'; code: string }
  /** The accessibility statement. */
  | { kind: 'accessibility' }
  /** What is stored about participants, where, for how long, who sees what. */
  | { kind: 'privacy' }
  | { kind: 'not-found' };

const ROOM_PATH = /^\/r\/([^/]+)(\/present|\/report)?\/?$/;
const JOIN_PATH = /^\/j\/([^/]+)\/?$/;
export const ACCESSIBILITY_PATH = '/accessibility';
const ACCESSIBILITY_ROUTE = /^\/accessibility\/?$/;
export const PRIVACY_PATH = '/privacy';
const PRIVACY_ROUTE = /^\/privacy\/?$/;

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  if (ACCESSIBILITY_ROUTE.test(pathname)) return { kind: 'accessibility' };
  if (PRIVACY_ROUTE.test(pathname)) return { kind: 'privacy' };
  const join = JOIN_PATH.exec(pathname);
  if (join?.[1]) return { kind: 'join', code: decodeURIComponent(join[1]) };
  const m = ROOM_PATH.exec(pathname);
  if (m?.[1]) {
    const roomId = decodeURIComponent(m[1]);
    if (!isRoomId(roomId)) return { kind: 'not-found' };
    if (m[2] === '/report') return { kind: 'report', roomId };
    return m[2] ? { kind: 'present', roomId } : { kind: 'board', roomId };
  }
  return { kind: 'not-found' };
}

export const boardPath = (roomId: string): string => `/r/${encodeURIComponent(roomId)}`;
export const reportPath = (roomId: string): string => `${boardPath(roomId)}/report`;

/** Fired on our own pushState calls; popstate covers back/forward. */
export const NAVIGATE_EVENT = 'tavolo:navigate';

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
