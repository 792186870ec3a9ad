/**
 * The `/sync/:roomId` websocket endpoint (and `/sync/:roomId~drafts`, a
 * participant's private drafts). Before any document data is sent, the room
 * must exist (else 4404, and nothing is created) and the `token` query
 * parameter must be one of its link tokens, with a valid `identity` for
 * facilitators and participants (else 4401). Frames over the size limit are
 * refused by ws from the frame header (1009), before being buffered.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_ROOM_NOT_FOUND, CLOSE_UNAUTHORIZED, DRAFTS_SUFFIX } from '../../shared/api';
import type { Logger } from '../log';
import type { Room } from '../rooms/room';
import { RoomLoadError, type RoomRegistry } from '../rooms/roomRegistry';
import { roleOfToken, verifyIdentity } from '../auth/tokens';
import type { Actor } from '../auth/updatePolicy';
import { Connection, type ConnectionLimits } from './connection';
import { createControlHandler } from './controlHandler';

export interface SyncSocketOptions extends ConnectionLimits {
  maxMessageBytes: number;
  /** Interval of liveness pings; a peer missing one is dropped. */
  pingIntervalMs: number;
  /** Key that signs participant identities. */
  identityKey: Uint8Array;
}

const SYNC_PATH = /^\/sync\/([^/?#]+)\/?$/;

type Admission = { ok: true; room: Room; actor: Actor } | { ok: false; code: number; reason: string };

export function attachSyncSocket(server: Server, registry: RoomRegistry, log: Logger, opts: SyncSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: false });
  const onControl = createControlHandler(registry, log);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SYNC_PATH.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const name = decodeURIComponent(match[1]!);
    const token = url.searchParams.get('token');
    const identity = url.searchParams.get('identity');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, name, token, identity));
  });

  async function admit(name: string, token: string | null, identity: string | null): Promise<Admission> {
    const drafts = name.endsWith(DRAFTS_SUFFIX);
    const roomId = drafts ? name.slice(0, -DRAFTS_SUFFIX.length) : name;
    const record = await registry.record(roomId);
    if (!record) return { ok: false, code: CLOSE_ROOM_NOT_FOUND, reason: 'room not found' };
    const role = roleOfToken(token, record.tokenHashes);
    if (!role) return { ok: false, code: CLOSE_UNAUTHORIZED, reason: 'invalid or missing token' };
    let participantId: string | null = null;
    if (role !== 'observer') {
      participantId = verifyIdentity(opts.identityKey, roomId, identity);
      if (!participantId) return { ok: false, code: CLOSE_UNAUTHORIZED, reason: 'invalid or missing identity' };
    }
    if (drafts && role !== 'participant') return { ok: false, code: CLOSE_UNAUTHORIZED, reason: 'drafts are for participants' };
    const room = drafts ? await registry.acquireDrafts(roomId, participantId!) : await registry.acquire(roomId);
    if (!room) return { ok: false, code: CLOSE_ROOM_NOT_FOUND, reason: 'room not found' };
    return { ok: true, room, actor: { role, participantId } };
  }

  const alive = new WeakSet<WebSocket>();
  function onConnection(ws: WebSocket, name: string, token: string | null, identity: string | null): void {
    const conn = new Connection(ws, name, log, opts);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (err) => log.warn({ roomId: name, connId: conn.id, err: err.message }, 'socket error'));
    let room: Room | null = null;
    let left = false;
    ws.on('close', () => {
      left = true;
      if (room) {
        room.leave(conn);
        registry.release(room);
      }
    });
    admit(name, token, identity).then(
      (a) => {
        if (!a.ok) {
          log.info({ roomId: name, connId: conn.id, code: a.code, reason: a.reason }, 'connection refused');
          conn.close(a.code, a.reason);
          return;
        }
        room = a.room;
        if (left) {
          registry.release(a.room);
          return;
        }
        conn.attach(a.room, a.actor, onControl);
      },
      (err: unknown) => {
        log.error({ err, roomId: name }, 'room failed to load');
        // Say why, within the 123 bytes a close reason may hold.
        const why = err instanceof RoomLoadError ? 'stored data of this workshop is damaged and cannot be read' : 'room failed to load';
        conn.close(1011, why);
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
