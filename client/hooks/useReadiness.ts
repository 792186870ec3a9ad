/** The facilitator's view of the current ready check: who said "done", from
 * the server's `readiness` messages (sent to facilitators only). */
import { useEffect, useState } from 'react';
import type { ServerControl } from '../../shared/control';
import type { ControlChannel } from '../lib/controlChannel';

export type Readiness = Extract<ServerControl, { t: 'readiness' }>;

export function useReadiness(control: ControlChannel, checkId: string | null): Readiness['ready'] {
  const [last, setLast] = useState<Readiness | null>(null);
  useEffect(() => control.subscribe((msg) => msg.t === 'readiness' && setLast(msg)), [control]);
  return last && last.checkId === checkId ? last.ready : [];
}
