/**
 * One live document: a Y.Doc kept on the device (IndexedDB) and synced
 * through y-websocket with the room's link token and identity. A 4404 close
 * means the room does not exist and 4401 that the link is not valid; no
 * reconnect can fix either, so we stop and say so. When the server refuses
 * one of our updates whole, the local copy holds a change nobody else will
 * ever see: we drop it (doc and IndexedDB) and start over from the server.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE_ROOM_NOT_FOUND, CLOSE_UNAUTHORIZED } from '../../shared/api';
import { connectionStatusOf, type ConnectionStatus, type SocketState } from '../lib/connectionStatus';
import { ControlChannel, type ServerClock } from '../lib/controlChannel';

export type { ConnectionStatus };
export type ConnectionFailure = 'not-found' | 'unauthorized' | null;

export interface SyncedDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  control: ControlChannel;
}

export interface SyncedDocState {
  room: SyncedDoc | null;
  status: ConnectionStatus;
  synced: boolean;
  failure: ConnectionFailure;
  /** The last refusal's reason, with a counter so the same reason twice still shows. */
  refused: { reason: string; n: number } | null;
}

export interface SyncedDocOptions {
  /** Document name on the sync endpoint: the room id, or room id + DRAFTS_SUFFIX. */
  name: string;
  /** IndexedDB database name. */
  storeName: string;
  token: string;
  identity: string | null;
  clock: ServerClock;
  enabled?: boolean;
}

const syncUrl = (): string => window.location.origin.replace(/^http/, 'ws') + '/sync';

export function useSyncedDoc({ name, storeName, token, identity, clock, enabled = true }: SyncedDocOptions): SyncedDocState {
  const [room, setRoom] = useState<SyncedDoc | null>(null);
  const [socket, setSocket] = useState<SocketState>('connecting');
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  const [synced, setSynced] = useState(false);
  const [failure, setFailure] = useState<ConnectionFailure>(null);
  const [refused, setRefused] = useState<SyncedDocState['refused']>(null);
  /** Bumped to rebuild the document from the server after a refusal. */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(storeName, doc);
    const params: Record<string, string> = identity ? { token, identity } : { token };
    // No BroadcastChannel: tabs of different roles share an origin, and only the server decides what is accepted.
    const provider = new WebsocketProvider(syncUrl(), name, doc, { params, disableBc: true });
    const control = new ControlChannel(provider, clock);
    let stopped = false;
    let destroyed = false;

    const stop = (why: Exclude<ConnectionFailure, null>): void => {
      if (stopped) return;
      stopped = true;
      provider.disconnect();
      // Nothing of a room we may not enter is worth keeping on the device.
      void persistence.clearData();
      setFailure(why);
    };
    const onStatus = ({ status: s }: { status: SocketState }): void => {
      setSocket(s);
      if (s !== 'connected') setSynced(false);
    };
    const onSync = (isSynced: boolean): void => setSynced(isSynced);
    const onCode = (code: number | undefined): void => {
      if (code === CLOSE_ROOM_NOT_FOUND) stop('not-found');
      else if (code === CLOSE_UNAUTHORIZED) stop('unauthorized');
    };
    const onClose = (event: CloseEvent | null): void => onCode(event?.code);
    const onClosed = (event: { code: number }): void => onCode(event.code);
    const onOffline = (): void => setBrowserOnline(false);
    const onOnline = (): void => {
      setBrowserOnline(true);
      // Back online: do not wait out the reconnect backoff, and re-read a socket that never noticed it was cut.
      if (stopped) return;
      provider.connect();
      setSocket(provider.wsconnected ? 'connected' : 'connecting');
    };
    const offControl = control.subscribe((msg) => {
      if (msg.t !== 'refused' || stopped) return;
      stopped = true;
      destroyed = true;
      provider.destroy();
      setRefused((r) => ({ reason: msg.reason, n: (r?.n ?? 0) + 1 }));
      // Wait for the local copy to be gone before a fresh one opens the same database.
      void persistence.clearData().finally(() => setGeneration((g) => g + 1));
    });

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    setRoom({ doc, provider, control });

    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      offControl();
      control.destroy();
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('closed', onClosed);
      if (!destroyed) provider.destroy();
      void persistence.destroy();
      doc.destroy();
      setRoom(null);
      setSocket('connecting');
      setSynced(false);
    };
  }, [name, storeName, token, identity, clock, enabled, generation]);

  return { room, status: connectionStatusOf(socket, browserOnline), synced, failure, refused };
}
