/**
 * One room's live document: a Y.Doc kept on the device (IndexedDB) and
 * synced through the stock y-websocket provider. A 4404 close means the room
 * does not exist, which no reconnect can fix, so we stop and say so.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE_ROOM_NOT_FOUND } from '../../shared/api';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

export interface RoomHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface RoomConnection {
  room: RoomHandle | null;
  status: ConnectionStatus;
  synced: boolean;
  notFound: boolean;
}

const syncUrl = (): string => window.location.origin.replace(/^http/, 'ws') + '/sync';

export function useRoomConnection(roomId: string): RoomConnection {
  const [room, setRoom] = useState<RoomHandle | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence('tavolo-' + roomId, doc);
    const provider = new WebsocketProvider(syncUrl(), roomId, doc);
    let gone = false;

    const onStatus = ({ status: s }: { status: 'connected' | 'connecting' | 'disconnected' }): void => {
      setStatus(s === 'disconnected' ? 'offline' : s);
      if (s !== 'connected') setSynced(false);
    };
    const onSync = (isSynced: boolean): void => setSynced(isSynced);
    const onRoomGone = (code: number | undefined): void => {
      if (code !== CLOSE_ROOM_NOT_FOUND || gone) return;
      gone = true;
      provider.disconnect();
      // Nothing of an unknown room is worth keeping on the device.
      void persistence.clearData();
      setNotFound(true);
    };
    const onClose = (event: CloseEvent | null): void => onRoomGone(event?.code);
    const onClosed = (event: { code: number }): void => onRoomGone(event.code);
    // The browser knows before the socket's watchdog that the network is gone.
    const onOffline = (): void => setStatus('offline');

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    window.addEventListener('offline', onOffline);
    setRoom({ doc, provider });

    return () => {
      window.removeEventListener('offline', onOffline);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('closed', onClosed);
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
      setRoom(null);
      setStatus('connecting');
      setSynced(false);
      setNotFound(false);
    };
  }, [roomId]);

  return { room, status, synced, notFound };
}
