/**
 * A load-generator thread: owns a share of the clients, sends their edits at
 * the asked rate (or as fast as the sockets take them), decodes what they
 * receive and reports counts and latencies back to the bench.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { BenchClient } from './benchClient';
import { floodMove, maxSeqByClient, moveWithStamp, nowMs, stampsIn, type Stamp } from './board';
import type { ReceiveMode, WorkerReply, WorkerRequest } from './workerProtocol';

const port = parentPort!;
const reply = (msg: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

/** Sender tick: short enough that 200 edits/s are spread evenly, long enough not to spin. */
const SEND_TICK_MS = 2;
/** Edits one flooding client may add per turn before yielding to the socket. */
const FLOOD_BURST = 8;
/**
 * Edits a writer may have sent but not yet seen relayed. Without this bound
 * the generator fills kernel buffers faster than any server drains them and
 * takes the CPU the server needs.
 */
const FLOOD_WINDOW = 64;

let clients: BenchClient[] = [];
let receive: ReceiveMode = 'stamps';
let received = 0;
let latencies: number[] = [];
const observedMaxX = new Map<number, number>();
const unexpectedCloses: { code: number; reason: string }[] = [];
let closing = false;
/** Per fan-out sender, the clock its Yjs client reached with each edit: a state holds the edit when its vector reaches that clock. */
const editClocks = new Map<BenchClient, number[]>();

/** In 'observe' mode this worker's first client decodes relays and does not write. */
let observer: BenchClient | null = null;

/**
 * Stamps of the updates received lately, by their bytes. Every client of a
 * worker receives the same relayed bytes; real receivers decode their copies
 * in parallel, each on its own device, so decoding each distinct update once
 * per worker keeps the load generator's one core from becoming what the
 * latency measures (at 1,000 clients × 200 edits/s it was 200,000 decodes a
 * second). Arrival is still timestamped per client, before the lookup.
 */
interface Decoded {
  stamps: Stamp[];
  /** The clocks the update brings, for clients that track the board (BenchClient's trackBoard). */
  to: Map<number, number> | null;
}
const decoded = new Map<string, Decoded>();
const DECODED_MAX = 4096;

function decode(update: Uint8Array, withClocks: boolean): Decoded {
  const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
  let d = decoded.get(key);
  if (!d) {
    if (decoded.size >= DECODED_MAX) decoded.clear();
    d = { stamps: stampsIn(update), to: null };
    decoded.set(key, d);
  }
  if (withClocks) d.to ??= Y.parseUpdateMeta(update).to;
  return d;
}

function onUpdate(client: BenchClient, update: Uint8Array): void {
  if (receive === 'observe') {
    if (client === observer) maxSeqByClient(update, observedMaxX);
    return;
  }
  const now = nowMs();
  const d = decode(update, client.tracksBoard);
  if (client.tracksBoard && d.to) client.received(d.to);
  for (const stamp of d.stamps) {
    if (stamp.s === client.index || stamp.m !== 1) continue;
    received++;
    latencies.push(now - stamp.t);
  }
}

async function connect(req: Extract<WorkerRequest, { type: 'connect' }>): Promise<void> {
  receive = req.receive;
  const started = performance.now();
  for (let i = 0; i < req.clients.length; i += req.batch) {
    const batch = req.clients.slice(i, i + req.batch).map(
      (c) =>
        new BenchClient({
          index: c.index,
          url: req.url,
          dialect: req.dialect,
          docName: req.docName,
          note: c.note,
          seed: c.seed,
          onUpdate,
          reconnect: req.reconnect,
          trackBoard: req.trackBoard,
          onClose: (_client, code, reason) => {
            if (!closing) unexpectedCloses.push({ code, reason });
          },
        }),
    );
    clients.push(...batch);
    observer ??= batch[0] ?? null;
    await Promise.all(batch.map((c) => c.synced));
  }
  const minSyncBytes = clients.slice(clients.length - req.clients.length).reduce((min, c) => Math.min(min, c.syncBytes), Infinity);
  reply({ type: 'connected', count: clients.length, ms: performance.now() - started, minSyncBytes });
}

async function fanout(req: Extract<WorkerRequest, { type: 'fanout' }>): Promise<void> {
  const live = clients.filter((c) => c.ready);
  let sentWarmup = 0;
  let sentMeasured = 0;
  const start = performance.now();
  const measureFrom = start + req.warmupMs;
  const end = measureFrom + req.measureMs;
  let due = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      if (now >= end || live.length === 0) return resolve();
      // Catch up to the schedule, so timer jitter does not lower the rate.
      const target = Math.floor(((now - start) / 1000) * req.ratePerSec);
      for (; due < target; due++) {
        const sender = live[Math.floor(Math.random() * live.length)]!;
        const measured = now >= measureFrom;
        moveWithStamp(sender.doc, sender.index, { s: sender.index, t: nowMs(), m: measured ? 1 : 0 });
        let clocks = editClocks.get(sender);
        if (!clocks) editClocks.set(sender, (clocks = []));
        clocks.push(Y.getState(sender.doc.store, sender.doc.clientID));
        if (measured) sentMeasured++;
        else sentWarmup++;
      }
      setTimeout(tick, SEND_TICK_MS);
    };
    tick();
  });
  reply({ type: 'fanout-done', sentWarmup, sentMeasured });
}

async function flood(req: Extract<WorkerRequest, { type: 'flood' }>): Promise<void> {
  const seq = new Map<BenchClient, number>();
  const end = performance.now() + req.durationMs;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const turn = (): void => {
      if (performance.now() >= end) return resolve();
      for (const c of clients) {
        if (!c.ready || c === observer) continue;
        const relayed = observedMaxX.get(c.doc.clientID) ?? 0;
        for (let k = 0; k < FLOOD_BURST && c.bufferedAmount < req.maxBufferedBytes; k++) {
          const n = (seq.get(c) ?? 0) + 1;
          if (n - relayed > FLOOD_WINDOW) break;
          seq.set(c, n);
          floodMove(c.doc, c.index, n);
          sent++;
        }
      }
      // Yield to I/O so relays (and so the window) are read between bursts.
      setTimeout(turn, 0);
    };
    turn();
  });
  reply({ type: 'flood-done', sent, clientIds: clients.filter((c) => c !== observer).map((c) => c.doc.clientID) });
}

function report(): void {
  const arr = Float64Array.from(latencies);
  latencies = [];
  reply(
    {
      type: 'report',
      received,
      latenciesMs: arr,
      observedMaxX: [...observedMaxX],
      unexpectedCloses: [...unexpectedCloses],
      ready: clients.filter((c) => c.ready).length,
      reconnects: clients.reduce((n, c) => n + c.reconnects, 0),
    },
    [arr.buffer],
  );
}

function missing(stateVector: Uint8Array): void {
  const reached = Y.decodeStateVector(stateVector);
  let sent = 0;
  let lacking = 0;
  for (const [client, clocks] of editClocks) {
    const have = reached.get(client.doc.clientID) ?? 0;
    sent += clocks.length;
    lacking += clocks.filter((clock) => clock > have).length;
  }
  reply({ type: 'missing', sent, missing: lacking });
}

port.on('message', (req: WorkerRequest) => {
  const run = async (): Promise<void> => {
    switch (req.type) {
      case 'connect':
        return connect(req);
      case 'fanout':
        return fanout(req);
      case 'flood':
        return flood(req);
      case 'report':
        return report();
      case 'missing':
        return missing(req.stateVector);
      case 'close':
        closing = true;
        for (const c of clients) c.close();
        clients = [];
        return reply({ type: 'closed' });
      default: {
        const never: never = req;
        return never;
      }
    }
  };
  run().catch((err: unknown) => reply({ type: 'error', message: (err as Error).stack ?? String(err) }));
});
