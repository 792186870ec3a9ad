/**
 * Fan-out: one room, N clients, a fixed total rate of note moves by random
 * clients. Each receiver decodes every update it gets and records, per
 * stamp from another client, the delay since the sender stamped it.
 */
import * as Y from 'yjs';
import { makeNoteUpdates } from '../load/board';
import { WorkerPool } from '../load/workerPool';
import type { BenchOptions, FanoutCase } from '../options';
import { watchProcess, watchSelf, type ProcWindow } from '../report/procStats';
import { concat, summarize, type LatencySummary } from '../report/stats';
import type { WorkerReply } from '../load/workerProtocol';
import type { RunningTarget, Target } from '../servers/targets';
import { cleanup, connectClients, sleep } from './common';

export interface FanoutResult {
  target: string;
  clients: number;
  ratePerSec: number;
  connectMs: number;
  editsMeasured: number;
  receiptsExpected: number;
  receiptsReceived: number;
  lost: number;
  latencyMs: LatencySummary;
  server: ProcWindow;
  generatorCpuPercent: number;
  unexpectedCloses: number;
}

const REPORT_POLL_MS = 250;

export async function runFanout(target: Target, c: FanoutCase, opts: BenchOptions, variant: FanoutVariant = {}): Promise<FanoutResult> {
  const running = await target.start();
  const pool = new WorkerPool(opts.workers);
  try {
    return await measureFanout(pool, running, target, c, opts, variant);
  } finally {
    await cleanup(pool, running);
  }
}

/** What a scenario built on fan-out (several processes, a process killed mid-run) changes in it. */
export interface FanoutVariant {
  /** Server processes whose CPU and RSS are added up (default: the running target's one). */
  pids?: number[];
  /** Clients reopen sockets closed by the other side. */
  reconnect?: boolean;
  /** Clients apply every update they receive (BenchClient's trackBoard). */
  trackBoard?: boolean;
  /**
   * Called when the measured window opens; awaited before the window's figures are read.
   * `poll` asks the workers for a report (its latencies are kept for the result).
   */
  duringWindow?: (poll: () => Promise<WorkerReport[]>) => Promise<void>;
  /** Stop waiting for late receipts once this holds (default: every expected receipt in). */
  drained?: (received: number, expected: number, reports: WorkerReport[]) => boolean;
}

type WorkerReport = Extract<WorkerReply, { type: 'report' }>;

/** Connects the room's clients through `running` and measures one fan-out window, the clients left connected. */
export async function measureFanout(pool: WorkerPool, running: RunningTarget, target: Target, c: FanoutCase, opts: BenchOptions, variant: FanoutVariant = {}): Promise<FanoutResult> {
  const roomId = await running.createRoom('bench fan-out');
  const notes = makeNoteUpdates(c.clients, { text: (i) => `Nota ${i}` });
  const connectMs = await connectClients(pool, running, target, roomId, notes, Y.mergeUpdates(notes), 'stamps', opts.connectBatch, { reconnect: variant.reconnect, trackBoard: variant.trackBoard });
  const w = await measureWindow(pool, variant.pids ?? [running.server.pid], {
    ...opts,
    ratePerSec: c.ratePerSec,
    receiversPerEdit: c.clients - 1,
    // Client i is on worker i % workers.
    share: (w) => Math.ceil((c.clients - w) / pool.size) / c.clients,
  }, variant);
  return { target: target.label, clients: c.clients, ratePerSec: c.ratePerSec, connectMs, ...w };
}

/** The rate and timing of one measured window. */
export interface WindowSpec {
  ratePerSec: number;
  /** Clients that receive each edit: the sender's room but the sender. */
  receiversPerEdit: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** Worker w's part of the rate: its share of the senders (default: equal parts). */
  share?: (worker: number) => number;
}

export type WindowResult = Omit<FanoutResult, 'target' | 'clients' | 'ratePerSec' | 'connectMs'>;

/**
 * One window of edits by random connected clients at `ratePerSec` in all,
 * then a drain until every receipt is in or `drainMs` passes. The clients
 * stay connected, so a scenario can measure several windows in a row (the
 * workers' receipt counters only grow, so the window counts from a baseline).
 */
export async function measureWindow(pool: WorkerPool, pids: number[], spec: WindowSpec, variant: FanoutVariant = {}): Promise<WindowResult> {
  const before = (await pool.all('report', () => ({ type: 'report' }), 30_000)).reduce((n, r) => n + r.received, 0);
  // Rates are split by each worker's share of the clients.
  const share = spec.share ?? ((): number => 1 / pool.size);
  const done = pool.all('fanout-done', (w) => ({ type: 'fanout', ratePerSec: spec.ratePerSec * share(w), warmupMs: spec.warmupMs, measureMs: spec.measureMs }), spec.warmupMs + spec.measureMs + 60_000);
  await sleep(spec.warmupMs);
  const parts: Float64Array[] = [];
  const poll = async (): Promise<WorkerReport[]> => {
    const reports = await pool.all('report', () => ({ type: 'report' }), 30_000);
    for (const r of reports) parts.push(r.latenciesMs);
    return reports;
  };
  const serverWatch = pids.map(watchProcess);
  const selfWatch = watchSelf();
  const [sent] = await Promise.all([done, variant.duringWindow?.(poll)]);
  const server = sumWindows(serverWatch.map((w) => w.stop()));
  const generatorCpuPercent = selfWatch.stop();

  const editsMeasured = sent.reduce((n, s) => n + s.sentMeasured, 0);
  const expected = editsMeasured * spec.receiversPerEdit;
  const drained = variant.drained ?? ((received: number) => received >= expected);
  let received: number;
  let closes: number;
  const drainUntil = performance.now() + spec.drainMs;
  for (;;) {
    const reports = await poll();
    received = reports.reduce((n, r) => n + r.received, 0) - before;
    closes = reports.reduce((n, r) => n + r.unexpectedCloses.length, 0);
    if (drained(received, expected, reports) || performance.now() >= drainUntil) break;
    await sleep(REPORT_POLL_MS);
  }
  return {
    editsMeasured,
    receiptsExpected: expected,
    receiptsReceived: received,
    lost: Math.max(0, expected - received),
    latencyMs: summarize(concat(parts)),
    server,
    generatorCpuPercent,
    unexpectedCloses: closes,
  };
}

/** Several processes as one: CPU added up, and the sum of their peaks (an upper bound of the peak of the sum). */
function sumWindows(ws: ProcWindow[]): ProcWindow {
  if (ws.length === 1) return ws[0]!;
  const add = (k: keyof ProcWindow): number | null => (ws.some((w) => w[k] === null) ? null : ws.reduce((n, w) => n + w[k]!, 0));
  return { cpuPercent: add('cpuPercent'), peakRssMiB: add('peakRssMiB') };
}
