/** Two routes, read from the history API; no router library needed. */
import { isRoomId } from '../../shared/ids';

export type Route = { kind: 'home' } | { kind: 'board'; roomId: string } | { kind: 'not-found' };

const BOARD_PATH = /^\/r\/([^/]+)\/?$/;

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  const m = BOARD_PATH.exec(pathname);
  if (m?.[1]) {
    const roomId = decodeURIComponent(m[1]);
    return isRoomId(roomId) ? { kind: 'board', roomId } : { kind: 'not-found' };
  }
  return { kind: 'not-found' };
}

export const boardPath = (roomId: string): string => `/r/${encodeURIComponent(roomId)}`;

/** Fired on our own pushState calls; popstate covers back/forward. */
export const NAVIGATE_EVENT = 'tavolo:navigate';

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
