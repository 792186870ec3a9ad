/**
 * The bench's handle on its load-generator threads: splits clients across
 * them, sends each request to all and waits for every reply.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

/** A .mjs entry that loads clientWorker.ts through tsx (see there). */
const WORKER_URL = new URL('./clientWorker.mjs', import.meta.url);

type ReplyOf<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;

export class WorkerPool {
  private readonly workers: Worker[];

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_URL));
  }

  /** Sends one request per worker (built from its index) and collects the replies. */
  async all<T extends WorkerReply['type']>(expect: T, request: (worker: number) => WorkerRequest, timeoutMs: number): Promise<ReplyOf<T>[]> {
    return Promise.all(this.workers.map((w, i) => ask(w, request(i), expect, timeoutMs)));
  }

  async close(): Promise<void> {
    await this.all('closed', () => ({ type: 'close' }), 10_000).catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function ask<T extends WorkerReply['type']>(worker: Worker, req: WorkerRequest, expect: T, timeoutMs: number): Promise<ReplyOf<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      reject(new Error(`worker gave no '${expect}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg: WorkerReply): void => {
      if (msg.type !== expect && msg.type !== 'error') return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      if (msg.type === 'error') reject(new Error(`load worker failed: ${msg.message}`));
      else resolve(msg as ReplyOf<T>);
    };
    worker.on('message', onMessage);
    worker.postMessage(req);
  });
}
