/** Calls `onReveal` each time a secret round's results become visible on
 * this device (the facilitator revealed them, or the page opened on a
 * revealed round), so the views can bring the results forward. */
import { useEffect, useRef } from 'react';
import { useVoting } from './useVoting';

export function useRevealSignal(onReveal: () => void): void {
  const { settings, status } = useVoting();
  const revealed = settings.mode === 'secret' && status.state === 'revealed' ? status.round : null;
  const latest = useRef(onReveal);
  latest.current = onReveal;
  useEffect(() => {
    if (revealed !== null) latest.current();
  }, [revealed]);
}
