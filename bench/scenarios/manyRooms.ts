/**
 * Many rooms: R rooms of N clients each on one process, all connected and
 * synced, edits by random clients across all rooms at a fixed total rate.
 * Each edit reaches the N − 1 others of its room; latency, loss, CPU and the
 * server's peak RSS are measured as in fan-out.
 */
import * as Y from 'yjs';
import { makeNoteUpdates } from '../load/board';
import { WorkerPool } from '../load/workerPool';
import type { BenchOptions } from '../options';
import type { Target } from '../servers/targets';
import { cleanup, connectClients } from './common';
import { measureWindow, type WindowResult } from './fanout';

export interface ManyRoomsResult extends WindowResult {
  target: string;
  rooms: number;
  clientsPerRoom: number;
  ratePerSec: number;
  connectMs: number;
}

export async function runManyRooms(target: Target, opts: BenchOptions): Promise<ManyRoomsResult> {
  const running = await target.start();
  const pool = new WorkerPool(opts.workers);
  const c = opts.manyRooms;
  try {
    const started = performance.now();
    for (let r = 0; r < c.rooms; r++) {
      const roomId = await running.createRoom(`bench room ${r}`);
      // Note ids and authors differ per room, as in a real deployment.
      const notes = makeNoteUpdates(c.clientsPerRoom, { text: (i) => `Nota ${i}`, firstId: r * c.clientsPerRoom });
      await connectClients(pool, running, target, roomId, notes, Y.mergeUpdates(notes), 'stamps', opts.connectBatch, {}, r * c.clientsPerRoom);
    }
    const connectMs = performance.now() - started;
    const w = await measureWindow(pool, [running.server.pid], { ...opts, ratePerSec: c.ratePerSec, receiversPerEdit: c.clientsPerRoom - 1 });
    return { target: target.label, rooms: c.rooms, clientsPerRoom: c.clientsPerRoom, ratePerSec: c.ratePerSec, connectMs, ...w };
  } finally {
    await cleanup(pool, running);
  }
}
