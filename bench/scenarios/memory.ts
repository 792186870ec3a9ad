/**
 * Memory per connected client: the server's resident memory with an empty
 * room, then with N idle clients connected and synced to it (each owning one
 * note, as in the fan-out board). The difference divided by N is what one
 * more person in the room costs; the idle figure is the process itself
 * (runtime, libraries, storage engine), paid once per process.
 */
import { BenchClient } from '../load/benchClient';
import { makeNoteUpdates } from '../load/board';
import type { BenchOptions } from '../options';
import { rssMiB } from '../report/procStats';
import type { Target } from '../servers/targets';
import { cleanup, sleep } from './common';

export interface MemoryResult {
  target: string;
  clients: number;
  idleRssMiB: number | null;
  connectedRssMiB: number | null;
  perClientKiB: number | null;
}

/** Long enough for the server's allocations after the last sync to settle. */
const SETTLE_MS = 3000;
const BATCH = 50;

export async function runMemory(target: Target, opts: BenchOptions): Promise<MemoryResult> {
  const running = await target.start();
  const clients: BenchClient[] = [];
  try {
    const roomId = await running.createRoom('bench memory');
    await sleep(SETTLE_MS);
    const idle = rssMiB(running.server.pid);
    const notes = makeNoteUpdates(opts.memoryClients, { text: (i) => `Nota ${i}` });
    for (let i = 0; i < notes.length; i += BATCH) {
      const batch = notes.slice(i, i + BATCH).map(
        (note, k) =>
          new BenchClient({ index: i + k, url: running.roomUrl(roomId), dialect: target.dialect, docName: roomId, note, onUpdate: () => {}, onClose: () => {} }),
      );
      clients.push(...batch);
      await Promise.all(batch.map((c) => c.synced));
    }
    await sleep(SETTLE_MS);
    const connected = rssMiB(running.server.pid);
    return {
      target: target.label,
      clients: opts.memoryClients,
      idleRssMiB: idle,
      connectedRssMiB: connected,
      perClientKiB: idle !== null && connected !== null ? ((connected - idle) * 1024) / opts.memoryClients : null,
    };
  } finally {
    for (const c of clients) c.close();
    await cleanup(null, running);
  }
}
