/** True once the server closed this room's socket because the facilitator deleted the workshop (4410). */
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE_ROOM_DELETED } from '../../shared/api';

export function useRoomDeleted(provider: WebsocketProvider | undefined): boolean {
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    if (!provider) return;
    // The provider then reconnects, is refused with 4404 and clears the device's copy.
    const onClose = (event: CloseEvent | null): void => {
      if (event?.code === CLOSE_ROOM_DELETED) setDeleted(true);
    };
    provider.on('connection-close', onClose);
    return () => provider.off('connection-close', onClose);
  }, [provider]);
  return deleted;
}
