/**
 * What a process shares with the others of a deployment through Redis
 * (REDIS_URL): the relay, the shared rate counters and readiness. Alone, a
 * process relays to no one and keeps both in memory. ioredis is loaded only
 * when configured: a process on its own does not pay its memory.
 */
import type { Logger } from '../log';
import type { ReadinessStore } from '../rooms/readiness';
import type { SharedCounter } from './redisCounter';
import { inProcessRelay, type Relay } from './relay';

export interface SharedState {
  relay: Relay;
  sharedCounter?: SharedCounter;
  readiness?: ReadinessStore & { close(): void };
}

const REDIS_START_WAIT_MS = 3000;

export async function openSharedState(redisUrl: string | undefined, log: Logger): Promise<SharedState> {
  if (!redisUrl) return { relay: inProcessRelay };
  const [{ createRedisRelay }, { createRedisCounter }, { createRedisReadiness }] = await Promise.all([
    import('./redisRelay'),
    import('./redisCounter'),
    import('./redisReadiness'),
  ]);
  const sharedCounter = createRedisCounter(redisUrl);
  // Rate limits hold across processes from the first request; Redis down at start delays serving this long at most.
  if (!(await sharedCounter.whenConnected(REDIS_START_WAIT_MS))) log.warn({ waitedMs: REDIS_START_WAIT_MS }, 'Redis not reachable yet; counting rate limits in this process until it is');
  return { relay: createRedisRelay({ url: redisUrl, log }), sharedCounter, readiness: createRedisReadiness(redisUrl) };
}
