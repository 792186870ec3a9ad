/**
 * When this device last had a room open, kept in localStorage per room, so
 * the catch-up can say what changed since. Storage may be unavailable
 * (private mode): then every visit reads as the first.
 */
const keyOf = (roomId: string): string => `tavolo.lastVisit.${roomId}`;

export function readLastVisit(roomId: string): number | null {
  try {
    const v = Number(window.localStorage.getItem(keyOf(roomId)));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function writeLastVisit(roomId: string, at = Date.now()): void {
  try {
    window.localStorage.setItem(keyOf(roomId), String(at));
  } catch {
    // Not remembered: the next visit reads as the first.
  }
}
