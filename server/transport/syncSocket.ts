/**
 * The `/sync/:roomId` websocket endpoint (and `/sync/:roomId~drafts`, a
 * participant's private drafts). Before any document data is sent, the room
 * must exist (else 4404, and nothing is created) and the `token` query
 * parameter must be one of its link tokens, with a valid `identity` for
 * facilitators and participants (else 4401). Frames over the size limit are
 * refused by ws from the frame header (1009), before being buffered.
 *
 * Before the handshake, a request is refused with a plain HTTP answer (JSON
 * body): a malformed path (400), a foreign Origin (403), too many sockets
 * from one client address (429) or on one room (503). Nothing a client sends
 * may throw past these handlers; an unexpected error answers 500 or closes
 * with 1011, and the server keeps serving everyone else.
 */
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_ROOM_NOT_FOUND, CLOSE_UNAUTHORIZED, DRAFTS_SUFFIX, type ApiError } from '../../shared/api';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Room } from '../rooms/room';
import { RoomLoadError, type RoomRegistry } from '../rooms/roomRegistry';
import { roleOfToken, verifyIdentity } from '../auth/tokens';
import type { Actor } from '../auth/updatePolicy';
import { PerTurnQueue } from './perTurnQueue';
import { BufferBudget } from './bufferBudget';
import { clientAddress, type TrustFn } from './clientAddress';
import { CLOSE_INTERNAL_ERROR, CLOSE_TRY_AGAIN_LATER, Connection, type ConnectionLimits } from './connection';
import { createControlHandler } from './controlHandler';
import { originAllowed, type OriginPolicy } from './originCheck';

export interface SyncSocketOptions extends ConnectionLimits {
  /** Interval of liveness pings; a peer missing one is dropped. */
  pingIntervalMs: number;
  /** Key that signs participant identities. */
  identityKey: Uint8Array;
  maxConnectionsPerAddress: number;
  maxConnectionsPerRoom: number;
  maxTotalBufferedBytes: number;
  maxLoadedRooms: number;
  trustProxy: TrustFn;
  origins: OriginPolicy;
  metrics: Metrics;
}

export interface SyncSocket {
  wss: WebSocketServer;
  /** Outgoing bytes queued over every socket. */
  bufferedBytes(): number;
  close(): void;
}

const SYNC_PATH = /^\/sync\/([^/?#]+)\/?$/;

type Admission = { ok: true; room: Room; actor: Actor } | { ok: false; code: number; reason: string };

/** Answers an upgrade request with a plain HTTP error, as the HTTP API would. */
function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: { code, message } } satisfies ApiError);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const countUp = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
const countDown = (m: Map<string, number>, k: string): void => {
  const n = (m.get(k) ?? 0) - 1;
  if (n > 0) m.set(k, n);
  else m.delete(k);
};

/** Websocket upgrades handled per event-loop turn (see `upgrades` below)… */
const UPGRADES_PER_TURN = 8;
/** …and waiting at most: past that, one is refused at once rather than queued without bound. */
const MAX_WAITING_UPGRADES = 5000;

export function attachSyncSocket(server: Server, registry: RoomRegistry, log: Logger, opts: SyncSocketOptions): SyncSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: false });
  const onControl = createControlHandler(registry, log);
  const budget = new BufferBudget(opts.maxTotalBufferedBytes);
  const ctx = { metrics: opts.metrics, budget };
  /** Sockets per client address and per room (drafts count with their board), from upgrade to close. */
  const perAddress = new Map<string, number>();
  const perRoom = new Map<string, number>();

  /**
   * A plenary opening, or a restarted process getting its clients back,
   * brings hundreds of upgrades in one read of the sockets; each costs about
   * half a millisecond here (the handshake, the token checks, joining the
   * room and its first frames), and handled together they held the event
   * loop for 180 ms while the people already in the room waited for their
   * edits. They wait their turn here instead, a few per event-loop turn.
   */
  const upgrades = new PerTurnQueue<[IncomingMessage, Duplex, Buffer]>(UPGRADES_PER_TURN, ([req, socket, head]) => {
    if (socket.destroyed) return;
    try {
      onUpgrade(req, socket, head);
    } catch (err) {
      log.error({ err }, 'upgrade failed');
      rejectUpgrade(socket, 500, 'internal', 'Internal error');
    }
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // node removes its own error listener before 'upgrade': a reset here must not crash the process.
    socket.on('error', () => socket.destroy());
    if (upgrades.size >= MAX_WAITING_UPGRADES) {
      opts.metrics.limits.inc({ limit: 'waiting-upgrades' });
      return rejectUpgrade(socket, 503, 'busy', 'Too many connections opening at once; try again');
    }
    upgrades.push([req, socket, head]);
  });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return rejectUpgrade(socket, 400, 'bad_request', 'Malformed request URL');
    }
    const match = SYNC_PATH.exec(pathname);
    if (!match) return rejectUpgrade(socket, 404, 'not_found', 'No such websocket endpoint');
    let name: string;
    try {
      name = decodeURIComponent(match[1]!);
    } catch {
      return rejectUpgrade(socket, 400, 'bad_request', 'Malformed room name in the path');
    }
    if (!originAllowed(req, opts.origins)) {
      opts.metrics.limits.inc({ limit: 'origin' });
      return rejectUpgrade(socket, 403, 'forbidden_origin', 'This origin may not open the sync socket');
    }
    const addr = clientAddress(req, opts.trustProxy);
    const roomId = name.endsWith(DRAFTS_SUFFIX) ? name.slice(0, -DRAFTS_SUFFIX.length) : name;
    if ((perAddress.get(addr) ?? 0) >= opts.maxConnectionsPerAddress) {
      opts.metrics.limits.inc({ limit: 'connections-per-address' });
      return rejectUpgrade(socket, 429, 'too_many_connections', 'Too many open connections from this address');
    }
    if ((perRoom.get(roomId) ?? 0) >= opts.maxConnectionsPerRoom) {
      opts.metrics.limits.inc({ limit: 'connections-per-room' });
      return rejectUpgrade(socket, 503, 'room_full', 'This workshop has as many connections as it can take');
    }
    countUp(perAddress, addr);
    countUp(perRoom, roomId);
    socket.once('close', () => {
      countDown(perAddress, addr);
      countDown(perRoom, roomId);
    });
    // The query string carries link tokens: read here, never logged.
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token');
    const identity = url.searchParams.get('identity');
    const wantsControl = url.searchParams.get('control') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        onConnection(ws, { name, roomId, addr, token, identity, wantsControl });
      } catch (err) {
        log.error({ err, roomId }, 'connection setup failed');
        ws.close(CLOSE_INTERNAL_ERROR, 'internal error');
      }
    });
  }

  async function admit(name: string, roomId: string, token: string | null, identity: string | null): Promise<Admission> {
    const drafts = name !== roomId;
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
    // A board with other sockets on it is loaded already; any other one would be one more in memory.
    if ((perRoom.get(roomId) ?? 0) <= 1 && registry.loadedRooms >= opts.maxLoadedRooms) {
      opts.metrics.limits.inc({ limit: 'loaded-rooms' });
      return { ok: false, code: CLOSE_TRY_AGAIN_LATER, reason: 'server at its room capacity; try again later' };
    }
    const room = drafts ? await registry.acquireDrafts(roomId, participantId!) : await registry.acquire(roomId);
    if (!room) return { ok: false, code: CLOSE_ROOM_NOT_FOUND, reason: 'room not found' };
    return { ok: true, room, actor: { role, participantId } };
  }

  const alive = new WeakSet<WebSocket>();
  interface Upgraded {
    name: string;
    roomId: string;
    addr: string;
    token: string | null;
    identity: string | null;
    wantsControl: boolean;
  }
  function onConnection(ws: WebSocket, { name, roomId, addr, token, identity, wantsControl }: Upgraded): void {
    const conn = new Connection(ws, name, log, opts, ctx, wantsControl);
    const opened = performance.now();
    opts.metrics.connectionsOpened.inc();
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (err) => log.warn({ roomId: name, connId: conn.id, err: err.message }, 'socket error'));
    let room: Room | null = null;
    let left = false;
    ws.on('close', (code) => {
      try {
        left = true;
        conn.onSocketClosed();
        opts.metrics.closes.inc({ code: String(code) });
        log.info({ roomId: name, connId: conn.id, code, ms: Math.round(performance.now() - opened) }, 'connection closed');
        if (room) {
          room.leave(conn);
          registry.release(room);
        }
      } catch (err) {
        log.error({ err, roomId: name, connId: conn.id }, 'close handler failed');
      }
    });
    admit(name, roomId, token, identity)
      .then((a) => {
        if (!a.ok) {
          log.info({ roomId: name, connId: conn.id, addr, code: a.code, reason: a.reason }, 'connection refused');
          conn.close(a.code, a.reason);
          return;
        }
        room = a.room;
        if (left) {
          registry.release(a.room);
          return;
        }
        log.info({ roomId: name, connId: conn.id, addr, role: a.actor.role }, 'connection opened');
        conn.attach(a.room, a.actor, onControl);
      })
      .catch((err: unknown) => {
        log.error({ err, roomId: name, connId: conn.id }, 'room failed to load');
        // Say why, within the 123 bytes a close reason may hold.
        const why = err instanceof RoomLoadError ? 'stored data of this workshop is damaged and cannot be read' : 'room failed to load';
        conn.close(CLOSE_INTERNAL_ERROR, why);
      });
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
  wss.on('close', () => {
    clearInterval(ping);
    budget.stop();
  });
  return {
    wss,
    bufferedBytes: () => budget.total(),
    close: () => wss.close(),
  };
}
