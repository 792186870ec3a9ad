/**
 * One live document and its connections: the Y.Doc, its copy on the device
 * (IndexedDB), the y-websocket provider and the control channel.
 *
 * When the server refuses one of our updates, the session is reconciled in
 * place (see rebase.ts for why the doc itself is rebuilt): it stops sending,
 * reads the server's state over a short-lived second connection, rebuilds
 * the doc as the server has it (same guid, so the screen is not remounted),
 * re-applies the edits made after the refused one, moves the undo stack
 * over, replaces the device's copy with the rebuilt doc and reconnects. The
 * viewport, open panels, the undo stack and unsynced edits all survive.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE_ROOM_NOT_FOUND, CLOSE_UNAUTHORIZED } from '../../shared/api';
import { BoardHistory } from './boardHistory';
import type { SocketState } from './connectionStatus';
import { ControlChannel, type ServerClock } from './controlChannel';
import { LocalJournal } from './localJournal';
import { readServerState, reapply, rebuildFromServer, splitPending } from './rebase';

export interface SyncedDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  control: ControlChannel;
  /** This person's undo and redo; the board only. */
  history: BoardHistory | null;
  /** Empties this device's copy of the document (after its owner erased their data); nothing is kept again until the page loads anew. */
  forgetDevice(): Promise<void>;
}

export type ConnectionFailure = 'not-found' | 'unauthorized';

export interface SyncSessionOptions {
  url: string;
  name: string;
  storeName: string;
  params: Record<string, string>;
  clock: ServerClock;
  /** Keep an undo stack for this document. */
  undo: boolean;
}

export interface SyncSessionEvents {
  room(room: SyncedDoc): void;
  socket(state: SocketState): void;
  synced(synced: boolean): void;
  failure(why: ConnectionFailure): void;
  /** A refused update, once the document is back in line; `undo`: the refused change was an undo or redo. */
  refused(reason: string, undo: boolean): void;
}

/** The socket address of the sync endpoint, on this page's origin. */
export const syncUrl = (): string => window.location.origin.replace(/^http/, 'ws') + '/sync';

/** What the socket's URL carries: the link token, and the server identity when there is one. */
export const syncParams = (token: string, identity: string | null): Record<string, string> => (identity ? { token, identity } : { token });

/**
 * The events of a session nobody has attached to yet (an early session,
 * lib/earlySession.ts): the latest of each is kept and replayed on attach.
 * No edit is made before then, so there is no refusal to keep.
 */
class HeldEvents implements SyncSessionEvents {
  private latest: { room?: SyncedDoc; socket?: SocketState; synced?: boolean; failure?: ConnectionFailure } = {};
  room(room: SyncedDoc): void {
    this.latest.room = room;
  }
  socket(state: SocketState): void {
    this.latest.socket = state;
  }
  synced(synced: boolean): void {
    this.latest.synced = synced;
  }
  failure(why: ConnectionFailure): void {
    this.latest.failure = why;
  }
  refused(): void {}
  replay(to: SyncSessionEvents): void {
    const { room, socket, synced, failure } = this.latest;
    if (room) to.room(room);
    if (socket) to.socket(socket);
    if (synced !== undefined) to.synced(synced);
    if (failure) to.failure(failure);
  }
}

/** Only this device's own edits (origin null, or the undo manager's) are journaled and undone. */
const isLocal = (origin: unknown): boolean => origin === null || origin instanceof Y.UndoManager;

/** Refusal reasons no later try can pass (server/auth/policy/erasedAuthors.ts). */
const RETRY_NEVER_PASSES: ReadonlySet<string> = new Set(['erased']);

/** Client docs keep deleted content: a rebuild needs it (rebase.ts), and tombstones of a board are small. */
const newDoc = (): Y.Doc => new Y.Doc({ gc: false });

export class SyncSession {
  private doc: Y.Doc;
  /** Null only while the device's copy is being replaced after a refusal. */
  private persistence: IndexeddbPersistence | null;
  private provider!: WebsocketProvider;
  private control!: ControlChannel;
  private journal!: LocalJournal;
  readonly history: BoardHistory | null;
  private stopped = false;
  private destroyed = false;
  /** The device's copy was emptied on request: it is not written again. */
  private forgotten = false;
  private reconciling = false;
  private fetcher: WebsocketProvider | null = null;
  private offControl: (() => void) | null = null;
  /** Replacing the device's copy: one at a time, so two refusals in a row do not race on the database. */
  private storeSwap: Promise<void> = Promise.resolve();

  /** Without `on`, events are held until `attach` (an early session, lib/earlySession.ts). */
  constructor(
    readonly opts: SyncSessionOptions,
    private on: SyncSessionEvents | HeldEvents = new HeldEvents(),
  ) {
    this.doc = newDoc();
    this.persistence = new IndexeddbPersistence(opts.storeName, this.doc);
    this.history = opts.undo ? new BoardHistory(this.doc) : null;
    this.open(this.doc);
  }

  private open(doc: Y.Doc): void {
    this.doc = doc;
    this.journal = new LocalJournal(doc, isLocal);
    // No BroadcastChannel: tabs of different roles share an origin, and only the server decides what is accepted.
    this.provider = new WebsocketProvider(this.opts.url, this.opts.name, doc, { params: this.opts.params, disableBc: true });
    this.control = new ControlChannel(this.provider, this.opts.clock);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onClose);
    this.provider.on('closed', this.onClosed);
    this.offControl = this.control.subscribe((msg) => {
      if (msg.t === 'refused') void this.reconcile(msg.reason);
    });
    this.on.room({ doc, provider: this.provider, control: this.control, history: this.history, forgetDevice: this.forgetDevice });
  }

  /** Sends this session's events to `on` from now on, starting with the latest of each so far. */
  attach(on: SyncSessionEvents): void {
    const held = this.on;
    this.on = on;
    if (held instanceof HeldEvents) held.replay(on);
  }

  private readonly onStatus = ({ status }: { status: SocketState }): void => {
    this.on.socket(status);
    if (status !== 'connected') this.on.synced(false);
  };
  private readonly onSync = (synced: boolean): void => this.on.synced(synced);
  private readonly onCode = (code: number | undefined): void => {
    if (code === CLOSE_ROOM_NOT_FOUND) this.stop('not-found');
    else if (code === CLOSE_UNAUTHORIZED) this.stop('unauthorized');
  };
  private readonly onClose = (event: CloseEvent | null): void => this.onCode(event?.code);
  private readonly onClosed = (event: { code: number }): void => this.onCode(event.code);

  private stop(why: ConnectionFailure): void {
    if (this.stopped) return;
    this.stopped = true;
    this.provider.disconnect();
    this.fetcher?.destroy();
    // Nothing of a room we may not enter is worth keeping on the device.
    void this.persistence?.clearData();
    this.on.failure(why);
  }

  /** Back online: do not wait out the reconnect backoff. */
  reconnect(): boolean {
    if (this.stopped || this.reconciling) return false;
    this.provider.connect();
    return this.provider.wsconnected;
  }

  /** The whole board as the server has it, read over a connection of its own that writes nothing. */
  private serverState(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      const doc = new Y.Doc();
      const fetcher = new WebsocketProvider(this.opts.url, this.opts.name, doc, { params: this.opts.params, disableBc: true, connect: false });
      this.fetcher = fetcher;
      fetcher.awareness.setLocalState(null);
      fetcher.on('sync', (synced: boolean) => {
        if (!synced) return;
        const state = Y.encodeStateAsUpdate(doc);
        fetcher.destroy();
        doc.destroy();
        if (this.fetcher === fetcher) this.fetcher = null;
        resolve(state);
      });
      fetcher.connect();
    });
  }

  private async reconcile(reason: string): Promise<void> {
    if (this.reconciling || this.stopped || this.destroyed) return;
    this.reconciling = true;
    // Everything sent from now on would be refused too: hold it until the doc is back in line.
    this.provider.disconnect();
    const server = readServerState(await this.serverState());
    if (this.destroyed || this.stopped) return;
    const old = { doc: this.doc, provider: this.provider, control: this.control, journal: this.journal, persistence: this.persistence };
    const { refused, keep } = splitPending(old.journal.notOn(server));
    const rebuilt = rebuildFromServer(old.doc, server);
    // The stacks move first, so the re-applied edits land on them as one step of their own.
    // An undo refused for good (it would bring back an erased participant's content) is not put back to be tried again.
    this.history?.rebase(rebuilt, RETRY_NEVER_PASSES.has(reason) ? null : refused);
    this.teardown(old);
    this.open(rebuilt);
    reapply(old.doc, rebuilt, keep, null);
    old.journal.destroy();
    old.doc.destroy();
    // The device's copy held the refused change: it is replaced by the rebuilt doc (stored whole when it opens), not emptied.
    this.persistence = null;
    this.storeSwap = this.storeSwap
      .then(() => old.persistence?.clearData())
      .then(() => {
        if (!this.destroyed && !this.stopped && !this.forgotten && !this.persistence) this.persistence = new IndexeddbPersistence(this.opts.storeName, this.doc);
      });
    this.reconciling = false;
    this.on.refused(reason, refused?.undo ?? false);
  }

  private readonly forgetDevice = async (): Promise<void> => {
    this.forgotten = true;
    // A copy being replaced after a refusal is emptied once that is done.
    await this.storeSwap;
    const persistence = this.persistence;
    this.persistence = null;
    await persistence?.clearData();
  };

  private teardown(p: { provider: WebsocketProvider; control: ControlChannel }): void {
    this.offControl?.();
    p.control.destroy();
    p.provider.off('status', this.onStatus);
    p.provider.off('sync', this.onSync);
    p.provider.off('connection-close', this.onClose);
    p.provider.off('closed', this.onClosed);
    p.provider.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.fetcher?.destroy();
    this.teardown({ provider: this.provider, control: this.control });
    this.journal.destroy();
    this.history?.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
  }
}
