/**
 * One live document (lib/syncSession.ts): a Y.Doc kept on the device
 * (IndexedDB) and synced through y-websocket with the room's link token and
 * identity. A 4404 close means the room does not exist and 4401 that the
 * link is not valid; no reconnect can fix either, so we stop and say so.
 * When the server refuses one of our updates, the session brings the
 * document back in line in place: the screen stays mounted (the rebuilt doc
 * keeps the guid the room screen is keyed on), with its viewport, undo
 * stack and unsynced edits.
 */
import { useEffect, useState } from 'react';
import { connectionStatusOf, type ConnectionStatus, type SocketState } from '../lib/connectionStatus';
import type { ServerClock } from '../lib/controlChannel';
import { takeEarlySession } from '../lib/earlySession';
import { SyncSession, syncParams, syncUrl, type SyncedDoc, type SyncSessionOptions } from '../lib/syncSession';

export type { ConnectionStatus, SyncedDoc };
export type ConnectionFailure = 'not-found' | 'unauthorized' | null;

export interface SyncedDocState {
  room: SyncedDoc | null;
  status: ConnectionStatus;
  synced: boolean;
  failure: ConnectionFailure;
  /** The last refusal's reason, with a counter so the same reason twice still shows; `undo`: it was an undo or redo. */
  refused: { reason: string; n: number; undo: boolean } | null;
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
  /** Keep an undo stack (the board; not private drafts). */
  undo?: boolean;
}

export function useSyncedDoc({ name, storeName, token, identity, clock, enabled = true, undo = false }: SyncedDocOptions): SyncedDocState {
  const [room, setRoom] = useState<SyncedDoc | null>(null);
  const [socket, setSocket] = useState<SocketState>('connecting');
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  const [synced, setSynced] = useState(false);
  const [failure, setFailure] = useState<ConnectionFailure>(null);
  const [refused, setRefused] = useState<SyncedDocState['refused']>(null);

  useEffect(() => {
    if (!enabled) return;
    const opts: SyncSessionOptions = { url: syncUrl(), name, storeName, params: syncParams(token, identity), clock, undo };
    // Usually the board's session opened as the app started (lib/earlySession.ts).
    const session = takeEarlySession(opts) ?? new SyncSession(opts);
    session.attach({
      room: setRoom,
      socket: setSocket,
      synced: setSynced,
      failure: setFailure,
      refused: (reason, byUndo) => setRefused((r) => ({ reason, undo: byUndo, n: (r?.n ?? 0) + 1 })),
    });
    const onOffline = (): void => setBrowserOnline(false);
    const onOnline = (): void => {
      setBrowserOnline(true);
      // Re-read a socket that never noticed it was cut.
      setSocket(session.reconnect() ? 'connected' : 'connecting');
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      session.destroy();
      setRoom(null);
      setSocket('connecting');
      setSynced(false);
    };
  }, [name, storeName, token, identity, clock, enabled, undo]);

  return { room, status: connectionStatusOf(socket, browserOnline), synced, failure, refused };
}
