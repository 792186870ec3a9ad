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
}

export class BenchClient {
  readonly index: number;
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly ws: WebSocket;
  private readonly writer: FrameWriter;
  private isSynced = false;

  constructor(private readonly opts: BenchClientOptions) {
    this.index = opts.index;
    Y.applyUpdate(this.doc, opts.note);
    this.writer = new FrameWriter(opts.dialect, opts.docName);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(this.writer.update(update));
    });
    this.ws = new WebSocket(opts.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    let markSynced!: () => void;
    let failSync!: (err: Error) => void;
    this.synced = new Promise<void>((resolve, reject) => {
      markSynced = resolve;
      failSync = reject;
    });
    this.ws.on('open', () => {
      for (const frame of this.writer.hello()) this.send(frame);
      if (opts.seed) this.send(this.writer.update(opts.seed));
      this.send(this.writer.syncStep1(Y.encodeStateVector(this.doc)));
    });
    this.ws.on('message', (data: Buffer) => {
      const frame = readServerFrame(opts.dialect, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      switch (frame.kind) {
        case 'sync-step1':
          this.send(this.writer.syncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
          return;
        case 'sync-step2':
          if (!this.isSynced) {
            this.isSynced = true;
            markSynced();
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
    this.ws.on('error', (err) => failSync(err));
    this.ws.on('close', (code, reason) => {
      failSync(new Error(`closed before sync: ${code} ${reason.toString()}`));
      opts.onClose(this, code, reason.toString());
    });
  }

  get ready(): boolean {
    return this.isSynced && this.ws.readyState === WebSocket.OPEN;
  }

  /** Bytes this client has handed to its socket but not yet written out. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  close(): void {
    this.ws.close();
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}
