/**
 * Saturation: the highest edit rate one room of N clients sustains with p99
 * under a bound and nothing lost. The clients connect once; the rate then
 * climbs step by step (each step a short warm-up, a measured window and a
 * drain) until a step misses the bound or loses receipts. The answer is the
 * last step that held, so its precision is the step size: the steps grow by
 * about half each, fine enough to compare servers that differ by multiples.
 */
import * as Y from 'yjs';
import { makeNoteUpdates } from '../load/board';
import { WorkerPool } from '../load/workerPool';
import type { BenchOptions } from '../options';
import type { LatencySummary } from '../report/stats';
import type { Target } from '../servers/targets';
import { cleanup, connectClients } from './common';
import { measureWindow } from './fanout';

/** The brief's bound: a rate "holds" while p99 stays under it. */
export const SATURATION_P99_MS = 100;

export interface SaturationStep {
  ratePerSec: number;
  latencyMs: LatencySummary;
  lost: number;
  serverCpuPercent: number | null;
  generatorCpuPercent: number;
  held: boolean;
}

export interface SaturationResult {
  target: string;
  clients: number;
  steps: SaturationStep[];
  /** The highest rate that held; 0 when even the first step did not. */
  sustainedPerSec: number;
  peakRssMiB: number | null;
}

export async function runSaturation(target: Target, opts: BenchOptions, say: (msg: string) => void): Promise<SaturationResult> {
  const running = await target.start();
  const pool = new WorkerPool(opts.workers);
  const c = opts.saturation;
  const result: SaturationResult = { target: target.label, clients: c.clients, steps: [], sustainedPerSec: 0, peakRssMiB: null };
  try {
    const roomId = await running.createRoom('bench saturation');
    const notes = makeNoteUpdates(c.clients, { text: (i) => `Nota ${i}` });
    await connectClients(pool, running, target, roomId, notes, Y.mergeUpdates(notes), 'stamps', opts.connectBatch);
    for (const ratePerSec of c.rates) {
      const w = await measureWindow(pool, [running.server.pid], {
        ratePerSec,
        receiversPerEdit: c.clients - 1,
        warmupMs: c.warmupMs,
        measureMs: c.measureMs,
        drainMs: opts.drainMs,
        share: (k) => Math.ceil((c.clients - k) / pool.size) / c.clients,
      });
      const held = w.lost === 0 && w.latencyMs.p99 < SATURATION_P99_MS;
      result.steps.push({ ratePerSec, latencyMs: w.latencyMs, lost: w.lost, serverCpuPercent: w.server.cpuPercent, generatorCpuPercent: w.generatorCpuPercent, held });
      result.peakRssMiB = Math.max(result.peakRssMiB ?? 0, w.server.peakRssMiB ?? 0) || null;
      say(`  ${ratePerSec} edits/s: p99 ${w.latencyMs.p99.toFixed(1)} ms, lost ${w.lost}, server CPU ${w.server.cpuPercent?.toFixed(0) ?? '?'} %${held ? '' : ' — does not hold'}`);
      if (!held) break;
      result.sustainedPerSec = ratePerSec;
    }
    return result;
  } finally {
    await cleanup(pool, running);
  }
}
