/**
 * Update throughput: every client moves its own note as fast as the server
 * takes the edits (at most FLOOD_WINDOW unrelayed each), except one observer
 * per load worker. When the window closes the
 * server is SIGKILLed at once, so nothing after the window counts.
 *  - relayed: edits the observer saw relayed by then (all servers);
 *  - durable (Tavolo only): edits found after restarting on the same data.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { makeNoteUpdates, maxSeqByClient } from '../load/board';
import { WorkerPool } from '../load/workerPool';
import type { BenchOptions } from '../options';
import { watchProcess, type ProcWindow } from '../report/procStats';
import type { RunningTarget, Target } from '../servers/targets';
import { cleanup, connectClients, sleep } from './common';

export interface DurableResult {
  target: string;
  persists: string;
  writers: number;
  seconds: number;
  sent: number;
  relayed: number;
  relayedPerSec: number;
  durable: number | null;
  durablePerSec: number | null;
  server: ProcWindow;
}

/** A writer stops adding frames while this much is queued on its socket. */
const MAX_BUFFERED_BYTES = 256 * 1024;
const SYNC_TIMEOUT_MS = 60_000;
/**
 * Writers here flood as fast as their sockets drain, far past what one person
 * types: Tavolo's per-connection update limits (UPDATE_RATE_LIMIT 100/s,
 * UPDATE_BYTES_PER_SECOND) would measure the limiter, so they are lifted, and
 * what is measured is how fast updates are checked, stored and relayed.
 */
const FLOOD_ENV = { UPDATE_RATE_LIMIT: '1000000', UPDATE_BYTES_PER_SECOND: '1000000000' };

export async function runDurable(target: Target, opts: BenchOptions): Promise<DurableResult> {
  const running = await target.start({ env: FLOOD_ENV });
  const pool = new WorkerPool(opts.workers);
  let restarted: RunningTarget | null = null;
  try {
    const roomId = await running.createRoom('bench durable');
    const notes = makeNoteUpdates(opts.durableClients, { text: (i) => `Nota ${i}` });
    await connectClients(pool, running, target, roomId, notes, Y.mergeUpdates(notes), 'observe', opts.connectBatch);

    const watch = watchProcess(running.server.pid);
    const started = performance.now();
    const done = await pool.all('flood-done', () => ({ type: 'flood', durationMs: opts.durableMs, maxBufferedBytes: MAX_BUFFERED_BYTES }), opts.durableMs + 60_000);
    const server = watch.stop();
    await running.server.kill();
    const seconds = (performance.now() - started) / 1000;

    const writerIds = new Set(done.flatMap((d) => d.clientIds));
    const reports = await pool.all('report', () => ({ type: 'report' }), 30_000);
    const relayed = sumFor(writerIds, new Map(reports.flatMap((r) => r.observedMaxX)));
    const sent = done.reduce((n, d) => n + d.sent, 0);

    let durable: number | null = null;
    if (running.dataDir) {
      restarted = await target.start({ dataDir: running.dataDir, env: FLOOD_ENV });
      const state = await loadState(restarted.providerArgs(roomId), roomId);
      const seen = new Map<number, number>();
      maxSeqByClient(state, seen);
      durable = sumFor(writerIds, seen);
    }
    return {
      target: target.label,
      persists: target.persists,
      writers: writerIds.size,
      seconds,
      sent,
      relayed,
      relayedPerSec: relayed / seconds,
      durable,
      durablePerSec: durable === null ? null : durable / seconds,
      server,
    };
  } finally {
    await pool.close();
    if (restarted) await restarted.server.kill();
    await cleanup(null, running);
  }
}

function sumFor(ids: Set<number>, seqs: Map<number, number>): number {
  let n = 0;
  for (const [client, seq] of seqs) if (ids.has(client)) n += seq;
  return n;
}

/** The whole room as a stock y-websocket client receives it. */
export async function loadState({ serverUrl, params }: { serverUrl: string; params: Record<string, string> }, roomId: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, roomId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    const deadline = performance.now() + SYNC_TIMEOUT_MS;
    while (!provider.synced) {
      if (performance.now() > deadline) throw new Error('reader did not sync after restart');
      await sleep(20);
    }
    return Y.encodeStateAsUpdate(doc);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
