/**
 * Whether the server has stored this person's changes: it says `saved: false`
 * while it can only hold them in memory (its storage is failing) and
 * `saved: true` once they are on disk. A new connection starts saved: the
 * server tells again if a change of ours is still held.
 */
import { useEffect, useState } from 'react';
import type { ControlChannel } from '../lib/controlChannel';

export function useSaveStatus(control: ControlChannel | null | undefined): boolean {
  const [saved, setSaved] = useState(true);
  useEffect(() => {
    setSaved(true);
    if (!control) return;
    return control.subscribe((msg) => {
      if (msg.t === 'saved') setSaved(msg.ok);
      else if (msg.t === 'welcome') setSaved(true);
    });
  }, [control]);
  return saved;
}
