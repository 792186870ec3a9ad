/**
 * One websocket speaking the y-websocket protocol to one room. Frames that
 * arrive while the room is still loading are held (up to a cap), then
 * replayed in order. A bad frame closes this connection only, with a close
 * code and a reason, and is logged with the room and connection id.
 */
import type WebSocket from 'ws';
import { decodeMessage, ProtocolError, type IncomingMessage } from '../../shared/protocol';
import { randomId } from '../../shared/ids';
import type { Logger } from '../log';
import type { Peer } from '../rooms/peer';
import type { Room } from '../rooms/room';
import { RejectedUpdate } from '../auth/updateInspector';
import type { Actor } from '../auth/updatePolicy';
import { ClientControl } from '../../shared/control';

export type ControlHandler = (conn: Connection, room: Room, msg: ClientControl) => void;

export interface ConnectionLimits {
  /** Frames held while the socket authenticates and the room loads… */
  maxQueuedFrames: number;
  /** …and their bytes, before the socket is cut off. */
  maxQueuedBytes: number;
  /** A peer this far behind is dropped rather than buffered without bound. */
  maxBufferedBytes: number;
}

export const CLOSE_PROTOCOL_ERROR = 1002;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_POLICY = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

export class Connection implements Peer {
  readonly id = randomId(10);
  private room: Room | null = null;
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private closed = false;
  /** Read-only until authenticated: nothing is processed before `attach` anyway. */
  actor: Actor = { role: 'observer', participantId: null };
  private onControl: ControlHandler = () => {};

  constructor(
    private readonly ws: WebSocket,
    readonly roomId: string,
    private readonly log: Logger,
    private readonly limits: ConnectionLimits,
  ) {
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
  }

  /** Binds the authenticated actor and the loaded room, then replays what arrived meanwhile. */
  attach(room: Room, actor: Actor, onControl: ControlHandler): void {
    if (this.closed) return;
    this.actor = actor;
    this.onControl = onControl;
    this.room = room;
    room.join(this);
    const queued = this.queue ?? [];
    this.queue = null;
    for (const frame of queued) {
      if (this.closed) break;
      this.handle(frame);
    }
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_TRY_AGAIN_LATER, 'connection too slow; reconnect');
      return;
    }
    this.ws.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.refuse(CLOSE_UNSUPPORTED, 'text frames are not part of the protocol');
    const frame = toBytes(data);
    if (this.queue) {
      this.queuedBytes += frame.byteLength;
      if (this.queue.length >= this.limits.maxQueuedFrames || this.queuedBytes > this.limits.maxQueuedBytes) {
        return this.refuse(CLOSE_POLICY, 'too much sent before the room opened');
      }
      this.queue.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    const room = this.room;
    if (!room) return;
    let msg: IncomingMessage;
    try {
      msg = decodeMessage(frame);
    } catch (err) {
      const e = err as ProtocolError;
      return this.refuse(e.closeCode ?? CLOSE_PROTOCOL_ERROR, e.message);
    }
    try {
      switch (msg.kind) {
        case 'sync-step1':
          void room.answerSyncStep1(this, msg.stateVector).catch((err: unknown) => this.refuse(CLOSE_PROTOCOL_ERROR, `bad state vector: ${(err as Error).message}`));
          return;
        case 'sync-step2':
        case 'update':
          room.receiveUpdate(this, msg.update);
          return;
        case 'awareness':
          room.receiveAwareness(this, msg.update);
          return;
        case 'query-awareness':
          room.answerAwarenessQuery(this);
          return;
        case 'control': {
          const parsed = ClientControl.safeParse(msg.payload);
          if (!parsed.success) return this.refuse(CLOSE_PROTOCOL_ERROR, 'invalid control message');
          this.onControl(this, room, parsed.data);
          return;
        }
        default: {
          const never: never = msg;
          return never;
        }
      }
    } catch (err) {
      const reason = err instanceof RejectedUpdate ? err.message : `invalid ${msg.kind}: ${(err as Error).message}`;
      this.refuse(CLOSE_PROTOCOL_ERROR, reason);
    }
  }

  private refuse(code: number, reason: string): void {
    this.log.warn({ roomId: this.roomId, connId: this.id, code, reason }, 'closing connection');
    // Close reasons are limited to 123 bytes by the websocket spec.
    this.close(code, reason.slice(0, 120));
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
