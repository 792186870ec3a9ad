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
import type { Target } from '../servers/targets';
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

export async function runFanout(target: Target, c: FanoutCase, opts: BenchOptions): Promise<FanoutResult> {
  const running = await target.start();
  const pool = new WorkerPool(opts.workers);
  try {
    const roomId = await running.createRoom('bench fan-out');
    const notes = makeNoteUpdates(c.clients, { text: (i) => `Nota ${i}` });
    const connectMs = await connectClients(pool, running, target, roomId, notes, Y.mergeUpdates(notes), 'stamps', opts.connectBatch);

    // Rates are split by each worker's share of the clients.
    const share = (w: number): number => Math.ceil((c.clients - w) / opts.workers) / c.clients;
    const done = pool.all('fanout-done', (w) => ({ type: 'fanout', ratePerSec: c.ratePerSec * share(w), warmupMs: opts.warmupMs, measureMs: opts.measureMs }), opts.warmupMs + opts.measureMs + 60_000);
    await sleep(opts.warmupMs);
    const serverWatch = watchProcess(running.server.pid);
    const selfWatch = watchSelf();
    const sent = await done;
    const server = serverWatch.stop();
    const generatorCpuPercent = selfWatch.stop();

    const editsMeasured = sent.reduce((n, s) => n + s.sentMeasured, 0);
    const expected = editsMeasured * (c.clients - 1);
    const parts: Float64Array[] = [];
    let received = 0;
    let closes = 0;
    const drainUntil = performance.now() + opts.drainMs;
    for (;;) {
      const reports = await pool.all('report', () => ({ type: 'report' }), 30_000);
      for (const r of reports) parts.push(r.latenciesMs);
      received = reports.reduce((n, r) => n + r.received, 0);
      closes = reports.reduce((n, r) => n + r.unexpectedCloses.length, 0);
      if (received >= expected || performance.now() >= drainUntil) break;
      await sleep(REPORT_POLL_MS);
    }
    return {
      target: target.label,
      clients: c.clients,
      ratePerSec: c.ratePerSec,
      connectMs,
      editsMeasured,
      receiptsExpected: expected,
      receiptsReceived: received,
      lost: Math.max(0, expected - received),
      latencyMs: summarize(concat(parts)),
      server,
      generatorCpuPercent,
      unexpectedCloses: closes,
    };
  } finally {
    await cleanup(pool, running);
  }
}
