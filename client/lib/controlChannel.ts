/**
 * Tavolo's control messages (shared/control.ts) on a y-websocket provider's
 * socket: hello and a clock probe on every connect, validated messages out
 * to listeners. The provider's handler encoder stays empty, so nothing is
 * echoed back.
 */
import type { WebsocketProvider } from 'y-websocket';
import { ServerControl, clockOffset, encodeControl, messageControl, readControlPayload, type ClientControl } from '../../shared/control';

/** Server time on this device, corrected by the last measured offset. */
export class ServerClock {
  private offset = 0;
  readonly now = (): number => Date.now() + this.offset;
  measured(sentAt: number, serverNow: number): void {
    this.offset = clockOffset(sentAt, serverNow, Date.now());
  }
}

type Listener = (msg: ServerControl) => void;

export class ControlChannel {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly clock: ServerClock,
  ) {
    provider.messageHandlers[messageControl] = (_encoder, decoder) => {
      let payload: unknown;
      try {
        payload = readControlPayload(decoder);
      } catch {
        return;
      }
      const parsed = ServerControl.safeParse(payload);
      if (parsed.success) this.receive(parsed.data);
    };
    provider.on('status', this.onStatus);
  }

  /**
   * Hello (and the clock probe) wait until the screen has subscribed its
   * listeners: the server answers hello with the welcome and the room's
   * state (ballots, drafts, the moderation queue), sent once per connection.
   * A session opened before the screen (lib/earlySession.ts) may be
   * connected long before that.
   */
  private released = false;

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected' && this.released) this.greet();
  };

  /** Called once the screen listens; says hello now if connected, and on every connection after. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.provider.wsconnected) this.greet();
  }

  private greet(): void {
    this.send({ t: 'hello' });
    this.send({ t: 'time', sentAt: Date.now() });
  }

  private receive(msg: ServerControl): void {
    if (msg.t === 'time') this.clock.measured(msg.sentAt, msg.serverNow);
    this.listeners.forEach((l) => l(msg));
  }

  /** Sends now if the socket is open; control messages are never queued. */
  send(msg: ClientControl): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(encodeControl(msg));
    return true;
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.provider.off('status', this.onStatus);
    this.listeners.clear();
  }
}
