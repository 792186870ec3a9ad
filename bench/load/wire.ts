/**
 * Client-side framing for the two dialects under test. Tavolo and the
 * y-websocket server speak the stock y-websocket protocol (frames from
 * shared/protocol.ts). Hocuspocus puts the document name in front of every
 * message, adds an auth handshake, a "sync reply" type (4) and sync-status
 * acks (8); behind the name its sync messages are byte-for-byte the same.
 * Incoming frames of both dialects go through one decoder.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, messageSync, messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from '../../shared/protocol';

export type Dialect = 'y-websocket' | 'hocuspocus';

const hocuspocusAuth = 2;
const hocuspocusAuthToken = 0;
const hocuspocusSyncReply = 4;

export type ServerFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'other' };

const OTHER: ServerFrame = { kind: 'other' };

/** Builds the frames one client sends; the document-name prefix is encoded once. */
export class FrameWriter {
  private readonly prefix: Uint8Array | null;

  constructor(
    readonly dialect: Dialect,
    docName: string,
  ) {
    if (dialect === 'hocuspocus') {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, docName);
      this.prefix = encoding.toUint8Array(e);
    } else {
      this.prefix = null;
    }
  }

  /** Frames to send right after the socket opens, before sync step 1. */
  hello(): Uint8Array[] {
    if (!this.prefix) return [];
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, hocuspocusAuth);
    encoding.writeVarUint(e, hocuspocusAuthToken);
    encoding.writeVarString(e, '');
    return [this.wrap(encoding.toUint8Array(e))];
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return this.wrap(encodeSyncStep1(stateVector));
  }

  syncStep2(update: Uint8Array): Uint8Array {
    return this.wrap(encodeSyncStep2(update));
  }

  update(update: Uint8Array): Uint8Array {
    return this.wrap(encodeUpdate(update));
  }

  private wrap(frame: Uint8Array): Uint8Array {
    if (!this.prefix) return frame;
    const out = new Uint8Array(this.prefix.length + frame.length);
    out.set(this.prefix, 0);
    out.set(frame, this.prefix.length);
    return out;
  }
}

/** The one decoding path for frames from any of the servers. */
export function readServerFrame(dialect: Dialect, data: Uint8Array): ServerFrame {
  const d = decoding.createDecoder(data);
  if (dialect === 'hocuspocus') decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (type !== messageSync && !(dialect === 'hocuspocus' && type === hocuspocusSyncReply)) return OTHER;
  const sub = decoding.readVarUint(d);
  const payload = decoding.readVarUint8Array(d);
  switch (sub) {
    case messageYjsSyncStep1:
      return { kind: 'sync-step1', stateVector: payload };
    case messageYjsSyncStep2:
      return { kind: 'sync-step2', update: payload };
    case messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      return OTHER;
  }
}
