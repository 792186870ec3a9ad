/**
 * Join storm: a plenary starts with everyone joining at once, and a
 * restarted process gets all its clients back at once. A room holds a board
 * of N notes and a few people already editing it at a steady rate; then J
 * fresh clients (empty documents, as a browser opening the link) open their
 * sockets at the same moment. Measured: how many synced, the time until the
 * last one did, and the fan-out latency of the edits made by the people
 * already in the room meanwhile.
 */
import * as Y from 'yjs';
import { makeNoteUpdates } from '../load/board';
import { WorkerPool } from '../load/workerPool';
import type { BenchOptions } from '../options';
import { watchProcess, type ProcWindow } from '../report/procStats';
import { concat, summarize, type LatencySummary } from '../report/stats';
import type { Target } from '../servers/targets';
import { cleanup, connectClients, sleep } from './common';

export interface JoinStormResult {
  target: string;
  boardNotes: number;
  inRoom: number;
  ratePerSec: number;
  joiners: number;
  synced: number;
  /** From the sockets' opening to the last joiner's sync step 2. */
  lastSyncedMs: number;
  /** Fan-out of the in-room edits while the storm lasts (and the rest of the window). */
  fanoutMs: LatencySummary;
  lost: number;
  server: ProcWindow;
  /** The server's own event-loop delay over the window, p99 and max ms (Tavolo's /metrics; null for the others). */
  serverLoopDelayMs: { p99: number; max: number } | null;
}

const WARMUP_MS = 1500;
const STORM_TIMEOUT_MS = 120_000;
const TEXT = (i: number): string => `Idea ${i}: una rete di percorsi ciclabili sicuri tra le scuole e il centro, con parcheggi per le bici.`;

export async function runJoinStorm(target: Target, opts: BenchOptions): Promise<JoinStormResult> {
  const c = opts.joinStorm;
  const running = await target.start();
  const inRoomPool = new WorkerPool(1);
  const joinPool = new WorkerPool(opts.workers);
  try {
    const roomId = await running.createRoom('bench join storm');
    const mine = makeNoteUpdates(c.inRoom, { text: (i) => `Nota ${i}` });
    // The room holds `boardNotes` in all, the people in it included: the
    // default cap is 2,000 notes a room, and a seed past it is refused whole.
    const board = makeNoteUpdates(c.boardNotes - c.inRoom, { text: TEXT, authors: 40, firstId: 1_000_000 });
    const boardBytes = Y.mergeUpdates(board).byteLength;
    await connectClients(inRoomPool, running, target, roomId, mine, Y.mergeUpdates([...mine, ...board]), 'stamps', opts.connectBatch);

    const measureMs = c.windowMs;
    const edits = inRoomPool.all('fanout-done', () => ({ type: 'fanout', ratePerSec: c.ratePerSec, warmupMs: WARMUP_MS, measureMs }), WARMUP_MS + measureMs + 60_000);
    await sleep(WARMUP_MS);
    const serverWatch = watchProcess(running.server.pid);
    // Reading the delay histogram resets it: what the next read shows is the window's.
    await serverLoopDelay(running.server.httpUrl);
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    const base = { type: 'connect' as const, url: running.roomUrl(roomId), dialect: target.dialect, docName: roomId, receive: 'observe' as const };
    const stormStarted = performance.now();
    const joined = await joinPool.all(
      'connected',
      (w) => {
        const clients = Array.from({ length: c.joiners }, (_, i) => i).filter((i) => i % joinPool.size === w);
        // Every socket of the worker opens at once.
        return { ...base, batch: Math.max(1, clients.length), clients: clients.map((i) => ({ index: 100_000 + i, note: empty })) };
      },
      STORM_TIMEOUT_MS,
    );
    const lastSyncedMs = performance.now() - stormStarted;
    // A joiner must have been sent the board, or this measured an empty room.
    const minSyncBytes = Math.min(...joined.map((r) => r.minSyncBytes));
    if (minSyncBytes < boardBytes * 0.9) throw new Error(`a joiner's sync step 2 held ${minSyncBytes} bytes, less than the ${boardBytes}-byte board: the seed did not land`);
    const sent = await edits;
    const server = serverWatch.stop();
    const serverLoopDelayMs = await serverLoopDelay(running.server.httpUrl);

    const editsMeasured = sent.reduce((n, s) => n + s.sentMeasured, 0);
    const expected = editsMeasured * (c.inRoom - 1);
    const parts: Float64Array[] = [];
    let received = 0;
    const drainUntil = performance.now() + opts.drainMs;
    for (;;) {
      const reports = await inRoomPool.all('report', () => ({ type: 'report' }), 30_000);
      for (const r of reports) parts.push(r.latenciesMs);
      received = reports.reduce((n, r) => n + r.received, 0);
      if (received >= expected || performance.now() >= drainUntil) break;
      await sleep(250);
    }
    return {
      target: target.label,
      boardNotes: c.boardNotes,
      inRoom: c.inRoom,
      ratePerSec: c.ratePerSec,
      joiners: c.joiners,
      synced: joined.reduce((n, r) => n + r.count, 0),
      lastSyncedMs,
      fanoutMs: summarize(concat(parts)),
      lost: Math.max(0, expected - received),
      server,
      serverLoopDelayMs,
    };
  } finally {
    await joinPool.close();
    await cleanup(inRoomPool, running);
  }
}

/**
 * The event-loop delay prom-client has seen since it was last read (Tavolo's
 * /metrics, open to this machine): tells the server's own stalls from the
 * load generator's, which shares the machine.
 */
async function serverLoopDelay(httpUrl: string): Promise<{ p99: number; max: number } | null> {
  try {
    const res = await fetch(`${httpUrl}/metrics`);
    if (!res.ok) return null;
    const text = await res.text();
    const read = (name: string): number | null => {
      const m = new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text);
      return m ? Number(m[1]) * 1000 : null;
    };
    const p99 = read('nodejs_eventloop_lag_p99_seconds');
    const max = read('nodejs_eventloop_lag_max_seconds');
    return p99 === null || max === null ? null : { p99, max };
  } catch {
    return null;
  }
}
