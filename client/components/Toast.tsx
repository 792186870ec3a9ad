/**
 * A short message that announces itself and goes away by itself, once per
 * event: `event` is the object that caused it, and a toast remounted by a
 * view switch does not show the same event again.
 */
import { useEffect, useState } from 'react';
import { toastsShown } from '../lib/shownOnce';

const SHOWN_FOR_MS = 5000;

export function Toast({ message, event }: { message: string | null; event: object | null }) {
  const [visible, setVisible] = useState<object | null>(null);
  useEffect(() => {
    if (!event || !toastsShown.claim(event)) return;
    setVisible(event);
    const timer = setTimeout(() => setVisible(null), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [event]);
  return (
    <div className="toast-region" role="status" aria-live="assertive">
      {visible !== null && visible === event && message && <div className="toast">{message}</div>}
    </div>
  );
}
