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

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status !== 'connected') return;
    this.send({ t: 'hello' });
    this.send({ t: 'time', sentAt: Date.now() });
  };

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
