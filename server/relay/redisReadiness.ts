/**
 * Ready-check answers in Redis, shared by every process: one hash per
 * check (participant id → name and sector), expiring a while after its
 * last answer, since a ready check lasts minutes, not days.
 */
import { Redis } from 'ioredis';
import { SECTORS, type Sector } from '../../shared/schema';
import type { ReadinessStore, ReadyEntry } from '../rooms/readiness';

const TTL_MS = 12 * 60 * 60 * 1000;

const keyOf = (roomId: string, checkId: string): string => `tavolo:ready:${roomId}:${checkId}`;

function parseEntry(raw: string): ReadyEntry | null {
  try {
    const v = JSON.parse(raw) as { name?: unknown; sector?: unknown };
    if (typeof v.name !== 'string' || !SECTORS.includes(v.sector as Sector)) return null;
    return { name: v.name, sector: v.sector as Sector };
  } catch {
    return null;
  }
}

export function createRedisReadiness(url: string): ReadinessStore & { close(): void } {
  // Fails at once while Redis is away: answers then live only in the processes that have the board loaded.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return {
    async record(roomId, checkId, participantId, entry) {
      const key = keyOf(roomId, checkId);
      const tx = redis.multi();
      if (entry) tx.hset(key, participantId, JSON.stringify({ name: entry.name, sector: entry.sector }));
      else tx.hdel(key, participantId);
      const replies = await tx.pexpire(key, TTL_MS).exec();
      const failed = replies?.find(([err]) => err);
      if (!replies || failed) throw failed?.[0] ?? new Error('ready answer transaction aborted');
    },
    async load(roomId, checkId) {
      const out = new Map<string, ReadyEntry>();
      for (const [pid, raw] of Object.entries(await redis.hgetall(keyOf(roomId, checkId)))) {
        const entry = parseEntry(raw);
        if (entry) out.set(pid, entry);
      }
      return out;
    },
    close: () => redis.disconnect(),
  };
}
