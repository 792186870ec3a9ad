/**
 * The `/sync/:roomId` websocket endpoint. Unknown rooms are closed with 4404
 * before any document data is sent, and nothing is created for them. Frames
 * over the size limit are refused by ws from the frame header (1009), before
 * their payload is buffered.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_ROOM_NOT_FOUND } from '../../shared/api';
import type { Logger } from '../log';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { Connection, type ConnectionLimits } from './connection';

export interface SyncSocketOptions extends ConnectionLimits {
  maxMessageBytes: number;
  /** Interval of liveness pings; a peer missing one is dropped. */
  pingIntervalMs: number;
}

const SYNC_PATH = /^\/sync\/([^/?#]+)\/?$/;

export function attachSyncSocket(server: Server, registry: RoomRegistry, log: Logger, opts: SyncSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = SYNC_PATH.exec(path);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const roomId = decodeURIComponent(match[1]!);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, roomId));
  });

  const alive = new WeakSet<WebSocket>();
  function onConnection(ws: WebSocket, roomId: string): void {
    const conn = new Connection(ws, roomId, log, opts);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (err) => log.warn({ roomId, connId: conn.id, err: err.message }, 'socket error'));
    let room: Awaited<ReturnType<RoomRegistry['acquire']>> = null;
    let left = false;
    ws.on('close', () => {
      left = true;
      if (room) {
        room.leave(conn);
        registry.release(room);
      }
    });
    registry.acquire(roomId).then(
      (r) => {
        if (!r) {
          conn.close(CLOSE_ROOM_NOT_FOUND, 'room not found');
          return;
        }
        room = r;
        if (left) {
          registry.release(r);
          return;
        }
        conn.attach(r);
      },
      (err: unknown) => {
        log.error({ err, roomId }, 'room failed to load');
        conn.close(1011, 'room failed to load');
      },
    );
  }

  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, opts.pingIntervalMs);
  ping.unref();
  wss.on('close', () => clearInterval(ping));
  return wss;
}
