/**
 * A lightweight board client: one raw `ws` socket and a Y.Doc holding only
 * its own note. It does the real sync handshake, sends its moves as Yjs
 * updates, and hands every update it receives to a receiver, which decodes
 * it. The board the server sends in sync step 2 is not applied: this client
 * never reads other notes, and 1,000 full replicas would measure the load
 * generator instead of the server.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { FrameWriter, readServerFrame, type Dialect } from './wire';

export type UpdateReceiver = (client: BenchClient, update: Uint8Array) => void;

export interface BenchClientOptions {
  index: number;
  url: string;
  dialect: Dialect;
  docName: string;
  /** This client's note, as created by makeNoteUpdates. */
  note: Uint8Array;
  /** Sent once before sync, to put the whole board into a fresh room. */
  seed?: Uint8Array;
  onUpdate: UpdateReceiver;
  onClose: (client: BenchClient, code: number, reason: string) => void;
  /**
   * Opens a new socket to the same URL after an unexpected close, as a
   * browser's provider does: behind a load balancer it lands on another
   * process, and the sync handshake sends whatever that one lacks.
   */
  reconnect?: boolean;
  /**
   * Keeps the clocks of everything it received and asks with them when it
   * reconnects, as a browser holding the board would: the server then sends
   * what it missed while away, not the whole board a thin client lacks.
   * Applying each update instead, as a browser does, costs the one load
   * generator 600 clients' worth of CPU (p50 went from 11 ms to 3 s).
   */
  trackBoard?: boolean;
}

/**
 * Wait before reconnecting: y-websocket's provider waits 100 ms after losing
 * an open socket; up to as much again at random, since a real room's clients
 * do not all notice the loss in the same instant.
 */
const RECONNECT_DELAY_MS = 100;

export class BenchClient {
  readonly index: number;
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private ws!: WebSocket;
  private readonly writer: FrameWriter;
  private isSynced = false;
  /** Bytes of the first sync step 2 this client got: the board as the server had it then. */
  syncBytes = 0;
  private closing = false;
  private markSynced!: () => void;
  private failSync!: (err: Error) => void;
  /** Sockets opened again after an unexpected close. */
  reconnects = 0;

  constructor(private readonly opts: BenchClientOptions) {
    this.index = opts.index;
    Y.applyUpdate(this.doc, opts.note);
    this.writer = new FrameWriter(opts.dialect, opts.docName);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(this.writer.update(update));
    });
    this.synced = new Promise<void>((resolve, reject) => {
      this.markSynced = resolve;
      this.failSync = reject;
    });
    // A rejection nobody awaits (a reconnecting client's first sync) must not kill the worker.
    this.synced.catch(() => undefined);
    this.open();
  }

  private open(): void {
    const opts = this.opts;
    const ws = new WebSocket(opts.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    let seeded = false;
    ws.on('open', () => {
      for (const frame of this.writer.hello()) this.send(frame);
      if (opts.seed && !seeded) this.send(this.writer.update(opts.seed));
      seeded = true;
      this.send(this.writer.syncStep1(this.stateVector()));
    });
    let socketSynced = false;
    ws.on('message', (data: Buffer) => {
      const frame = readServerFrame(opts.dialect, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      switch (frame.kind) {
        case 'sync-step1':
          this.send(this.writer.syncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
          return;
        case 'sync-step2':
          if (opts.trackBoard) this.received(Y.parseUpdateMeta(frame.update).to);
          if (!socketSynced) {
            socketSynced = true;
            this.syncBytes ||= frame.update.byteLength;
            this.isSynced = true;
            this.markSynced();
          }
          return;
        case 'update':
          opts.onUpdate(this, frame.update);
          return;
        case 'other':
          return;
        default: {
          const never: never = frame;
          return never;
        }
      }
    });
    ws.on('error', (err) => this.failSync(err));
    ws.on('close', (code, reason) => {
      this.isSynced = false;
      this.failSync(new Error(`closed before sync: ${code} ${reason.toString()}`));
      opts.onClose(this, code, reason.toString());
      if (opts.reconnect && !this.closing) {
        setTimeout(() => {
          if (this.closing) return;
          this.reconnects++;
          this.open();
        }, RECONNECT_DELAY_MS * (1 + Math.random()));
      }
    });
  }

  /** The end clock of every Yjs client whose updates reached this one (trackBoard). */
  private readonly seen = new Map<number, number>();

  /** Records the clocks an update brought (`to` of Y.parseUpdateMeta); the worker decodes each update once. */
  received(to: ReadonlyMap<number, number>): void {
    for (const [client, clock] of to) if (clock > (this.seen.get(client) ?? 0)) this.seen.set(client, clock);
  }

  /** What this client holds: its own document, and with trackBoard everything it received. */
  private stateVector(): Uint8Array {
    if (!this.opts.trackBoard) return Y.encodeStateVector(this.doc);
    const sv = new Map(this.seen);
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) if (clock > (sv.get(client) ?? 0)) sv.set(client, clock);
    return Y.encodeStateVector(sv);
  }

  get tracksBoard(): boolean {
    return this.opts.trackBoard === true;
  }

  get ready(): boolean {
    return this.isSynced && this.ws.readyState === WebSocket.OPEN;
  }

  /** Bytes this client has handed to its socket but not yet written out. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  close(): void {
    this.closing = true;
    this.ws.close();
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}
