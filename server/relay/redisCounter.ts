/**
 * Fixed-window counters shared by every process (a Redis key created with
 * its expiry by the first hit, then INCR), so a per-address limit holds across processes
 * instead of multiplying by their number.
 */
import { Redis } from 'ioredis';

export interface SharedCounter {
  /** Counts one hit on `key` in a window of `windowMs`; the count so far and the ms left in the window. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /**
   * True once connected; false if not within `timeoutMs`. Until then every
   * hit fails and is counted in this process's memory, so a process waits
   * for it before serving: else its first requests escape the shared limit.
   */
  whenConnected(timeoutMs: number): Promise<boolean>;
  close(): void;
}

export function createRedisCounter(url: string): SharedCounter {
  // Fails at once while Redis is away: the caller then counts in memory.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return {
    async hit(key, windowMs) {
      const k = `tavolo:limit:${key}`;
      // The first hit of a window creates the key with its expiry; every hit counts.
      const replies = await redis.multi().set(k, 0, 'PX', windowMs, 'NX').incr(k).pttl(k).exec();
      if (!replies) throw new Error('rate limit transaction aborted');
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0];
      return { count: Number(replies[1]![1]), resetInMs: Math.max(0, Number(replies[2]![1])) };
    },
    whenConnected: (timeoutMs) =>
      redis.status === 'ready'
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const done = (ok: boolean): void => {
              clearTimeout(timer);
              redis.off('ready', onReady);
              resolve(ok);
            };
            const onReady = (): void => done(true);
            const timer = setTimeout(() => done(false), timeoutMs);
            redis.once('ready', onReady);
          }),
    close: () => redis.disconnect(),
  };
}
