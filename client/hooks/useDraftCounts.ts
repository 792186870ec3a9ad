/** The facilitator's view of private writing: how many drafts exist per
 * sector before Reveal (never their text), from the server's `drafts`
 * messages (sent to facilitators only). Null until the server reports. */
import { useEffect, useState } from 'react';
import type { ServerControl } from '../../shared/control';
import type { ControlChannel } from '../lib/controlChannel';

export type DraftCounts = Extract<ServerControl, { t: 'drafts' }>;

export function useDraftCounts(control: ControlChannel): DraftCounts | null {
  const [last, setLast] = useState<DraftCounts | null>(null);
  useEffect(() => control.subscribe((msg) => msg.t === 'drafts' && setLast(msg)), [control]);
  return last;
}
