/** Server time, re-read on a fixed tick while `active` (a running timer), so
 * every screen counts down together whatever its own clock says. */
import { useEffect, useState } from 'react';

export const TIMER_TICK_MS = 250;

export function useServerTime(serverNow: () => number, active: boolean, tickMs = TIMER_TICK_MS): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(serverNow());
    if (!active) return;
    const timer = setInterval(() => setNow(serverNow()), tickMs);
    return () => clearInterval(timer);
  }, [serverNow, active, tickMs]);
  return now;
}
