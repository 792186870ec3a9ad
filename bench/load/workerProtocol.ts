/** Messages between the bench (main thread) and its load-generator workers. */
import type { Dialect } from './wire';

export type ReceiveMode =
  /** Decode every update and record the latency of each stamp from another client. */
  | 'stamps'
  /** Decode only on each worker's observer (its first client, which does not write); others just take the bytes. */
  | 'observe';

export type WorkerRequest =
  | {
      type: 'connect';
      url: string;
      dialect: Dialect;
      docName: string;
      clients: { index: number; note: Uint8Array; seed?: Uint8Array }[];
      receive: ReceiveMode;
      /** Sockets opened at once; the next batch waits until these are synced. */
      batch: number;
      /** Reopen a socket closed by the other side (through a load balancer, to another process). */
      reconnect?: boolean;
      /** Apply every received update, as a browser does (BenchClient's trackBoard). */
      trackBoard?: boolean;
    }
  | { type: 'fanout'; ratePerSec: number; warmupMs: number; measureMs: number }
  | { type: 'flood'; durationMs: number; maxBufferedBytes: number }
  | { type: 'report' }
  /** How many fan-out edits the given state (a state vector) lacks. */
  | { type: 'missing'; stateVector: Uint8Array }
  | { type: 'close' };

export type WorkerReply =
  /** `minSyncBytes`: the smallest sync step 2 a client of this request got (the board as the server had it). */
  | { type: 'connected'; count: number; ms: number; minSyncBytes: number }
  | { type: 'fanout-done'; sentWarmup: number; sentMeasured: number }
  | { type: 'flood-done'; sent: number; clientIds: number[] }
  | {
      type: 'report';
      received: number;
      latenciesMs: Float64Array;
      /** Observer only: highest flood seq seen per writing client id. */
      observedMaxX: [number, number][];
      unexpectedCloses: { code: number; reason: string }[];
      /** Clients synced on an open socket right now, and sockets reopened so far. */
      ready: number;
      reconnects: number;
    }
  | { type: 'missing'; sent: number; missing: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };
