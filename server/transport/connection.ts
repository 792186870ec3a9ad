/**
 * One websocket speaking the y-websocket protocol to one room. Frames that
 * arrive while the room is still loading are held (up to a cap), then
 * replayed in order. A bad frame closes this connection only, with a close
 * code and a reason, and is logged with the room and connection id. Nothing
 * a client sends may throw past this class: an unexpected error closes the
 * connection with 1011.
 *
 * Limits per connection: document updates per second and update bytes per
 * second (crossing closes with 4529; the client keeps its changes and sends
 * them again when it resyncs on reconnect), awareness size and rate (the
 * excess is dropped, presence being only the latest state anyway). Tavolo
 * control messages (type 7) go only to clients that asked for them, with a
 * `hello` or `?control=1`: stock y-websocket clients never see them.
 */
import type WebSocket from 'ws';
import { decodeMessage, ProtocolError, type IncomingMessage } from '../../shared/protocol';
import { randomId } from '../../shared/ids';
import type { Logger } from '../log';
import type { Peer } from '../rooms/peer';
import type { Room } from '../rooms/room';
import { RejectedUpdate } from '../auth/updateInspector';
import type { Actor, RefusalReason } from '../auth/updatePolicy';
import { ClientControl, encodeControl, messageControl } from '../../shared/control';
import { messageAwareness, messageSync, messageYjsUpdate } from '../../shared/protocol';
import type { Metrics } from '../metrics';
import type { BufferBudget } from './bufferBudget';
import { TokenBucket } from './tokenBucket';

export type ControlHandler = (conn: Connection, room: Room, msg: ClientControl) => void;

export interface ConnectionLimits {
  /** Frames held while the socket authenticates and the room loads… */
  maxQueuedFrames: number;
  /** …and their bytes, before the socket is cut off. */
  maxQueuedBytes: number;
  /** A peer this far behind is dropped rather than buffered without bound. */
  maxBufferedBytes: number;
  /** Largest frame; the update-bytes bucket always holds at least one. */
  maxMessageBytes: number;
  updateRateLimit: number;
  updateBytesPerSecond: number;
  awarenessMaxBytes: number;
  awarenessRateLimit: number;
}

/** What a connection shares with every other: metrics and the server-wide send budget. */
export interface ConnectionContext {
  metrics: Metrics;
  budget: BufferBudget;
}

export const CLOSE_PROTOCOL_ERROR = 1002;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_POLICY = 1008;
export const CLOSE_INTERNAL_ERROR = 1011;
export const CLOSE_TRY_AGAIN_LATER = 1013;
/**
 * Too many updates or update bytes per second. In the 4500 range, which
 * y-websocket clients treat as transient (4400-4499 would stop them from
 * reconnecting); 29 as in HTTP 429.
 */
export const CLOSE_RATE_LIMITED = 4529;

/** After closing a reader dropped for memory, how long its close frame may take before the socket is cut. */
const DROP_GRACE_MS = 1000;

export class Connection implements Peer {
  readonly id = randomId(10);
  private room: Room | null = null;
  private queue: Uint8Array[] | null = [];
  private queuedBytes = 0;
  private closed = false;
  /** Read-only until authenticated: nothing is processed before `attach` anyway. */
  actor: Actor = { role: 'observer', participantId: null };
  private onControl: ControlHandler = () => {};
  private readonly updateRate: TokenBucket;
  private readonly updateBytes: TokenBucket;
  private readonly awarenessRate: TokenBucket;
  /** Last time this client was told its awareness was dropped, so a flood gets one notice a second. */
  private awarenessNoticeAt = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly roomId: string,
    private readonly log: Logger,
    private readonly limits: ConnectionLimits,
    private readonly ctx: ConnectionContext,
    /** Whether this client speaks Tavolo's control messages (`?control=1`, or a `hello` later). */
    private wantsControl = false,
  ) {
    this.updateRate = new TokenBucket(limits.updateRateLimit, limits.updateRateLimit);
    this.updateBytes = new TokenBucket(limits.updateBytesPerSecond, Math.max(limits.updateBytesPerSecond, limits.maxMessageBytes));
    this.awarenessRate = new TokenBucket(limits.awarenessRateLimit, limits.awarenessRateLimit);
    ctx.budget.add(this);
    ws.on('message', (data, isBinary) => {
      try {
        this.onFrame(data, isBinary);
      } catch (err) {
        this.log.error({ err, roomId: this.roomId, connId: this.id }, 'frame handler failed');
        this.refuse(CLOSE_INTERNAL_ERROR, 'internal error');
      }
    });
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Dropped by the server-wide budget (bufferBudget.ts): the slowest reader goes first. */
  dropForBudget(): void {
    this.ctx.metrics.limits.inc({ limit: 'total-buffered-bytes' });
    this.dropSlowReader('server busy: too much queued for slow readers; reconnect');
  }

  /** The close frame waits behind everything queued, so the socket is cut if it is not read soon. */
  private dropSlowReader(reason: string): void {
    this.refuse(CLOSE_TRY_AGAIN_LATER, reason);
    setTimeout(() => this.ws.terminate(), DROP_GRACE_MS).unref();
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
    const type = frame[0];
    if (type === messageControl && !this.wantsControl) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.ctx.metrics.limits.inc({ limit: 'buffered-bytes' });
      this.dropSlowReader('connection too slow; reconnect');
      return;
    }
    this.ws.send(frame, { binary: true });
    this.ctx.budget.charge(frame.byteLength);
    if (type === messageSync && frame[1] === messageYjsUpdate) {
      this.ctx.metrics.traffic.updatesOut += 1;
      this.ctx.metrics.traffic.updateBytesOut += frame.byteLength;
    } else if (type === messageAwareness) this.ctx.metrics.traffic.awarenessOut += 1;
  }

  updateRefused(reason: RefusalReason): void {
    this.ctx.metrics.refusedUpdates.inc({ reason });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.budget.remove(this);
    this.ws.close(code, reason);
  }

  /** The socket is gone (whoever closed it). */
  onSocketClosed(): void {
    this.closed = true;
    this.ctx.budget.remove(this);
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
        case 'update': {
          if (!this.updateRate.take() || !this.updateBytes.take(msg.update.byteLength)) {
            this.ctx.metrics.refusedUpdates.inc({ reason: 'rate-limit' });
            this.ctx.metrics.limits.inc({ limit: 'update-rate' });
            return this.refuse(CLOSE_RATE_LIMITED, 'too many updates per second; reconnect and resync');
          }
          this.ctx.metrics.traffic.updatesIn += 1;
          this.ctx.metrics.traffic.updateBytesIn += msg.update.byteLength;
          room.receiveUpdate(this, msg.update);
          return;
        }
        case 'awareness':
          if (msg.update.byteLength > this.limits.awarenessMaxBytes) {
            return this.dropAwareness('awareness-size', `presence update over ${this.limits.awarenessMaxBytes} bytes dropped`);
          }
          if (!this.awarenessRate.take()) {
            return this.dropAwareness('awareness-rate', `over ${this.limits.awarenessRateLimit} presence updates per second; extra ones dropped`);
          }
          this.ctx.metrics.traffic.awarenessIn += 1;
          room.receiveAwareness(this, msg.update);
          return;
        case 'query-awareness':
          room.answerAwarenessQuery(this);
          return;
        case 'control': {
          const parsed = ClientControl.safeParse(msg.payload);
          if (!parsed.success) return this.refuse(CLOSE_PROTOCOL_ERROR, 'invalid control message');
          if (parsed.data.t === 'hello') this.wantsControl = true;
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

  /** Presence is only ever the latest state: the excess is dropped, and the client told (at most once a second). */
  private dropAwareness(limit: 'awareness-size' | 'awareness-rate', detail: string): void {
    this.ctx.metrics.limits.inc({ limit });
    const now = performance.now();
    if (now - this.awarenessNoticeAt < 1000) return;
    this.awarenessNoticeAt = now;
    this.log.info({ roomId: this.roomId, connId: this.id, limit }, 'awareness dropped');
    this.send(encodeControl({ t: 'limited', limit, detail }));
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
