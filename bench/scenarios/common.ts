/** Setup shared by the scenarios: connecting a room's clients and tearing down. */
import fs from 'node:fs';
import type { WorkerPool } from '../load/workerPool';
import type { ReceiveMode } from '../load/workerProtocol';
import { SERVER_FLAGS } from '../servers/spawnServer';
import type { RunningTarget, Target } from '../servers/targets';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Generous: 1,000 sockets each syncing a 1,000-note board. */
const CONNECT_TIMEOUT_MS = 180_000;

/**
 * Client 0 connects first and seeds the room with the whole board; the rest
 * follow in batches, client i on worker i % workers. Returns the time taken.
 */
export async function connectClients(
  pool: WorkerPool,
  running: RunningTarget,
  target: Target,
  roomId: string,
  notes: Uint8Array[],
  seed: Uint8Array,
  receive: ReceiveMode,
  batch: number,
  clientKind: { reconnect?: boolean; trackBoard?: boolean } = {},
  /** Index of the first note: client i holds note firstIndex + i (several rooms on one pool need distinct indexes). */
  firstIndex = 0,
): Promise<number> {
  const started = performance.now();
  const base = { type: 'connect' as const, url: running.roomUrl(roomId), dialect: target.dialect, docName: roomId, receive, batch, ...clientKind };
  await pool.all('connected', (w) => ({ ...base, clients: w === 0 ? [{ index: firstIndex, note: notes[0]!, seed }] : [] }), CONNECT_TIMEOUT_MS);
  await pool.all(
    'connected',
    (w) => ({
      ...base,
      clients: notes.flatMap((note, i) => (i > 0 && i % pool.size === w ? [{ index: firstIndex + i, note }] : [])),
    }),
    CONNECT_TIMEOUT_MS,
  );
  return performance.now() - started;
}

export async function cleanup(pool: WorkerPool | null, running: RunningTarget): Promise<void> {
  await pool?.close();
  // A profiled server (BENCH_SERVER_FLAGS) must exit cleanly to write its profile.
  await (SERVER_FLAGS.length > 0 ? running.server.stop() : running.server.kill());
  if (running.dataDir) fs.rmSync(running.dataDir, { recursive: true, force: true });
}
