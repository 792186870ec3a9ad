/**
 * Whether writes to storage are currently failing, for /healthz and the
 * HTTP API. Every write goes through `monitorStore`, which records a failure
 * per document (a room's retries clear its own) and per other write, and
 * turns a failed write into StorageUnavailableError so the API can answer
 * 503 `storage_unavailable` instead of a generic 500.
 */
import type { Store } from './store';

export class StorageUnavailableError extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`storage unavailable: ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

export type StorageStatus = { ok: true } | { ok: false; reason: string; failing: number; since: number };

export class StorageHealth {
  /** What is failing (a document id, or an operation such as `createRoom`) → since when and why. */
  private readonly failures = new Map<string, { since: number; reason: string }>();

  failed(key: string, err: unknown): void {
    if (!this.failures.has(key)) this.failures.set(key, { since: Date.now(), reason: (err as Error)?.message ?? String(err) });
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** A write that is not a document append went through: one-off failures of other writes are over. */
  anyWriteSucceeded(): void {
    for (const key of this.failures.keys()) if (key.startsWith('op:')) this.failures.delete(key);
  }

  /** A deleted room's documents will never be retried. */
  forgetRoom(roomId: string): void {
    for (const key of this.failures.keys()) if (key === roomId || key.startsWith(`${roomId}~`)) this.failures.delete(key);
  }

  get status(): StorageStatus {
    let first: { since: number; reason: string } | null = null;
    for (const f of this.failures.values()) if (!first || f.since < first.since) first = f;
    return first ? { ok: false, reason: first.reason, failing: this.failures.size, since: first.since } : { ok: true };
  }
}

/** The same store, with every write's outcome recorded in `health`. */
export function monitorStore(store: Store, health: StorageHealth): Store {
  const write = async <T>(key: string, operation: string, run: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await run();
    } catch (err) {
      health.failed(key, err);
      throw new StorageUnavailableError(operation, err);
    }
    health.succeeded(key);
    health.anyWriteSucceeded();
    return result;
  };
  return {
    getRoom: (roomId) => store.getRoom(roomId),
    findRoomByJoinHash: (hash) => store.findRoomByJoinHash(hash),
    load: (docId, afterSeq) => store.load(docId, afterSeq),
    listDocs: (prefix) => store.listDocs(prefix),
    close: () => store.close(),
    lock: (name, mode) => store.lock(name, mode),
    createRoom: (room, initial) => write('op:createRoom', 'createRoom', () => store.createRoom(room, initial)),
    append: (docId, update) => write(docId, 'append', () => store.append(docId, update)),
    compact: (docId, snapshot, uptoSeq) => write(`op:compact`, 'compact', () => store.compact(docId, snapshot, uptoSeq)),
    deleteRoom: async (roomId) => {
      await write('op:deleteRoom', 'deleteRoom', () => store.deleteRoom(roomId));
      health.forgetRoom(roomId);
    },
    scrub: () => write('op:scrub', 'scrub', () => store.scrub()),
    secret: (name) => write('op:secret', 'secret', () => store.secret(name)),
    setSchedule: (schedule) => write('op:setSchedule', 'setSchedule', () => store.setSchedule(schedule)),
    clearSchedule: (roomId, name, ref) => write('op:clearSchedule', 'clearSchedule', () => store.clearSchedule(roomId, name, ref)),
    dueSchedules: (upTo) => store.dueSchedules(upTo),
    nextScheduleAt: () => store.nextScheduleAt(),
  };
}
