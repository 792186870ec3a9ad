/** A short message that announces itself and goes away by itself. */
import { useEffect, useState } from 'react';

const SHOWN_FOR_MS = 5000;

export function Toast({ message, nonce }: { message: string | null; nonce: number }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!message) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [message, nonce]);
  return (
    <div className="toast-region" role="status" aria-live="assertive">
      {visible && message && <div className="toast">{message}</div>}
    </div>
  );
}
