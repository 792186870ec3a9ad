/**
 * Fault injection: many real Yjs clients edit one room over real sockets
 * while the server is SIGKILLed at random moments and restarted on the same
 * data. After each kill, before any writer reconnects (they would upload
 * what the server lost and hide it), a fresh client reads the room back and
 * every client's state vector from just before the kill is checked against
 * it: whatever any client had been relayed from another must have survived.
 *
 * No vitest here: the integration test runs a few rounds, `npm run bench`
 * (bench/scenarios/crash.ts) runs many through its own server target.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createNote, moveNote } from '../../shared/notes';

export interface CrashServer {
  port: number;
  dataDir: string;
  kill(): Promise<void>;
}

export interface CrashTarget {
  /** Starts a server; on `dataDir` and `port` again for a restart. */
  start(opts: { dataDir?: string; port?: number }): Promise<CrashServer>;
  /** Creates the room on the first server; returns its id. */
  createRoom(server: CrashServer): Promise<string>;
  /** What a client needs to open the room (facilitator credentials: they may edit in any phase). */
  connection(server: CrashServer, roomId: string): { serverUrl: string; params: Record<string, string> };
}

export interface CrashOptions {
  rounds: number;
  clients: number;
  /** Each client moves its note about this often. */
  editEveryMs: number;
  /** The server runs between these many ms in each round before it is killed. */
  minUpMs: number;
  maxUpMs: number;
  seed: number;
  say?: (msg: string) => void;
}

export interface CrashRound {
  upMs: number;
  /** New Yjs operations (clock ticks, past the previous round's stored state) that some client had been relayed from another before the kill. */
  relayed: number;
  /** Of those, how many the restarted server did not have. */
  lost: number;
}

export interface CrashResult {
  seed: number;
  rounds: CrashRound[];
  relayed: number;
  lost: number;
}

const SYNC_TIMEOUT_MS = 60_000;

/** mulberry32: one seed drives every random moment, so a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  noteId: string | null;
  x: number;
}

function connect(conn: { serverUrl: string; params: Record<string, string> }, roomId: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(conn.serverUrl, roomId, doc, {
    params: conn.params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

export async function runCrashRounds(target: CrashTarget, opts: CrashOptions): Promise<CrashResult> {
  const random = mulberry32(opts.seed);
  // Each stock provider adds a process 'exit' listener in Node.
  process.setMaxListeners(Math.max(process.getMaxListeners(), opts.clients + 20));
  const say = opts.say ?? (() => {});
  let server = await target.start({});
  const { dataDir, port } = server;
  const roomId = await target.createRoom(server);
  const conn = target.connection(server, roomId);
  const clients: Client[] = Array.from({ length: opts.clients }, () => {
    const doc = new Y.Doc();
    return { doc, provider: connect(conn, roomId, doc), noteId: null, x: 0 };
  });
  const result: CrashResult = { seed: opts.seed, rounds: [], relayed: 0, lost: 0 };
  let editing: NodeJS.Timeout[] = [];
  /** What the server held after the previous restart: operations up to it were counted already. */
  let baseline = new Map<number, number>();
  try {
    for (let round = 0; round < opts.rounds; round++) {
      await until(() => clients.every((c) => c.provider.synced), `${opts.clients} clients synced`);
      clients.forEach((c, i) => {
        c.noteId ??= createNote(c.doc, { x: i * 10, y: 0, text: `client ${i}`, author: { id: `crash-client-${i}`, name: `C${i}`, sector: 'other' } });
        // Staggered, so edits arrive spread over the interval rather than in one burst.
        const start = setTimeout(() => {
          const timer = setInterval(() => moveNote(c.doc, c.noteId!, ++c.x, i), opts.editEveryMs);
          editing.push(timer);
        }, random() * opts.editEveryMs);
        editing.push(start);
      });
      const upMs = Math.round(opts.minUpMs + random() * (opts.maxUpMs - opts.minUpMs));
      await sleep(upMs);

      // What each client had been relayed from the others, then the kill at once.
      const seen = clients.map((c) => {
        const sv = Y.decodeStateVector(Y.encodeStateVector(c.doc));
        sv.delete(c.doc.clientID);
        return sv;
      });
      const killed = server.kill();
      editing.forEach(clearTimeout);
      editing = [];
      await killed;
      for (const c of clients) c.provider.disconnect();

      server = await target.start({ dataDir, port });
      const readerDoc = new Y.Doc();
      const reader = connect(target.connection(server, roomId), roomId, readerDoc);
      await until(() => reader.synced, 'reader synced after restart');
      const stored = Y.decodeStateVector(Y.encodeStateVector(readerDoc));
      reader.destroy();
      readerDoc.destroy();

      const highest = new Map<number, number>();
      for (const sv of seen) for (const [id, clock] of sv) highest.set(id, Math.max(highest.get(id) ?? 0, clock));
      let relayed = 0;
      let lost = 0;
      for (const [id, clock] of highest) {
        relayed += Math.max(0, clock - (baseline.get(id) ?? 0));
        lost += Math.max(0, clock - (stored.get(id) ?? 0));
      }
      baseline = stored;
      result.rounds.push({ upMs, relayed, lost });
      result.relayed += relayed;
      result.lost += lost;
      say(`round ${round + 1}/${opts.rounds}: killed after ${upMs} ms, ${relayed} relayed, ${lost} lost`);
      for (const c of clients) c.provider.connect();
    }
  } finally {
    editing.forEach(clearTimeout);
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
    await server.kill();
  }
  return result;
}
