/**
 * Runs board suggestions on worker threads, so the event loop keeps
 * relaying edits while a large board is analysed. Each request hands over a
 * plain snapshot (ids and texts). Limits, each answered at once rather than
 * left to pile up:
 * - one computation per room at a time (queued or running): a second
 *   request for that room is refused as `room_busy`;
 * - a bounded queue across rooms: past it, `queue_full`;
 * - a deadline per computation, counted from when its worker is running (a
 *   fresh worker's start-up is not the analysis, and on a loaded machine
 *   may take a while): a worker still busy after it is terminated (a
 *   runaway analysis cannot be interrupted any other way) and replaced, and
 *   the request ends as `timeout`. A worker that fails to start ends the
 *   request through its 'error' or 'exit'.
 * Workers start on the first request, not with the server.
 */
import { Worker } from 'node:worker_threads';
import type { SuggestSnapshot, Suggestions } from '../../shared/suggest/board';
import type { SuggestReply, SuggestRequest } from './suggestMessages';

/** A .mjs entry that loads suggestWorker.ts through tsx (see there). */
export const SUGGEST_WORKER_URL = new URL('./suggestWorker.mjs', import.meta.url);

export type SuggestRefusal = 'room_busy' | 'queue_full' | 'timeout' | 'failed' | 'closed';

export type SuggestOutcome = { ok: true; suggestions: Suggestions } | { ok: false; reason: SuggestRefusal; message: string };

export interface SuggestPoolOptions {
  /** Worker threads; one per process leaves the other cores to the server and its neighbours. */
  workers: number;
  /** Requests from other rooms that may wait for a free worker. */
  queueLimit: number;
  /** How long one computation may run before its worker is terminated. */
  timeoutMs: number;
  /** Makes a worker; tests pass one that misbehaves. */
  spawn?: () => Worker;
}

interface Job {
  jobId: number;
  roomId: string;
  snapshot: SuggestSnapshot;
  done: (outcome: SuggestOutcome) => void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has started running its code (its 'online' event). */
  online: boolean;
  job: Job | null;
  deadline: NodeJS.Timeout | null;
}

export class SuggestPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  /** Rooms with a job queued or running. */
  private readonly busyRooms = new Set<string>();
  private readonly spawn: () => Worker;
  private nextJobId = 1;
  private closed = false;

  constructor(private readonly opts: SuggestPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.workers) }, () => ({ worker: null, online: false, job: null, deadline: null }));
    this.spawn = opts.spawn ?? (() => new Worker(SUGGEST_WORKER_URL));
  }

  /** Rooms whose suggestions are queued or being computed. */
  get pending(): number {
    return this.busyRooms.size;
  }

  run(roomId: string, snapshot: SuggestSnapshot): Promise<SuggestOutcome> {
    if (this.closed) return Promise.resolve(refused('closed', 'The server is shutting down'));
    if (this.busyRooms.has(roomId)) return Promise.resolve(refused('room_busy', 'Suggestions for this workshop are already being computed'));
    const idle = this.slots.some((s) => s.job === null);
    if (!idle && this.queue.length >= this.opts.queueLimit) return Promise.resolve(refused('queue_full', 'Too many workshops are asking for suggestions right now'));
    return new Promise((resolve) => {
      this.busyRooms.add(roomId);
      this.queue.push({ jobId: this.nextJobId++, roomId, snapshot, done: resolve });
      this.pump();
    });
  }

  /** Terminates the workers; requests still waiting end as `closed`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, refused('closed', 'The server is shutting down'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) this.finish(slot.job, refused('closed', 'The server is shutting down'));
        this.clear(slot);
        const w = slot.worker;
        slot.worker = null;
        await w?.terminate();
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job !== null) continue;
      const job = this.queue.shift();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker ??= this.attach(slot);
    if (slot.online) this.armDeadline(slot);
    const request: SuggestRequest = { jobId: job.jobId, snapshot: job.snapshot };
    slot.worker.postMessage(request);
  }

  private armDeadline(slot: Slot): void {
    slot.deadline = setTimeout(() => this.timeOut(slot), this.opts.timeoutMs);
  }

  private attach(slot: Slot): Worker {
    const worker = this.spawn();
    slot.online = false;
    worker.once('online', () => {
      if (slot.worker !== worker) return;
      slot.online = true;
      if (slot.job && !slot.deadline) this.armDeadline(slot);
    });
    // A worker never keeps the process alive: close() or the exit ends it.
    worker.unref();
    worker.on('message', (reply: SuggestReply) => {
      const job = slot.job;
      if (slot.worker !== worker || !job || reply.jobId !== job.jobId) return;
      this.clear(slot);
      this.finish(job, reply.ok ? { ok: true, suggestions: reply.suggestions } : refused('failed', reply.message));
      this.pump();
    });
    const lost = (message: string): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      this.clear(slot);
      if (job) this.finish(job, refused('failed', message));
      this.pump();
    };
    worker.on('error', (err) => lost(`suggestion worker failed: ${err.message}`));
    worker.on('exit', (code) => lost(`suggestion worker exited with code ${code}`));
    return worker;
  }

  private timeOut(slot: Slot): void {
    const job = slot.job;
    const worker = slot.worker;
    if (!job) return;
    // Forget the worker first, so its exit is not taken for a crash; the next job gets a fresh one.
    slot.worker = null;
    this.clear(slot);
    void worker?.terminate();
    this.finish(job, refused('timeout', `Suggestions took longer than ${this.opts.timeoutMs} ms`));
    this.pump();
  }

  private clear(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = null;
    slot.job = null;
  }

  private finish(job: Job, outcome: SuggestOutcome): void {
    this.busyRooms.delete(job.roomId);
    job.done(outcome);
  }
}

function refused(reason: SuggestRefusal, message: string): SuggestOutcome {
  return { ok: false, reason, message };
}
