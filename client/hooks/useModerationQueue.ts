/** The facilitator's moderation queue, from the server's `moderation`
 * messages (facilitators only). Asks for it on mount, since the last one may
 * have been sent before this component was there; null until it arrives. */
import { useEffect, useState } from 'react';
import type { ServerControl } from '../../shared/control';
import type { ControlChannel } from '../lib/controlChannel';

export type ModerationQueue = Extract<ServerControl, { t: 'moderation' }>;

export function useModerationQueue(control: ControlChannel): ModerationQueue | null {
  const [last, setLast] = useState<ModerationQueue | null>(null);
  useEffect(() => {
    const off = control.subscribe((msg) => msg.t === 'moderation' && setLast(msg));
    control.send({ t: 'moderationQueue' });
    return off;
  }, [control]);
  return last;
}
