/** Server configuration from the environment, validated once at start-up. */
import path from 'node:path';
import { z } from 'zod';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const positive = (def: number) => z.coerce.number().int().positive().default(def);

export const ConfigSchema = z.object({
  PORT: int(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** Largest websocket frame accepted, in bytes. */
  MAX_MESSAGE_BYTES: int(4 * 1024 * 1024),
  /** How long an empty room stays loaded before it is flushed and unloaded. */
  ROOM_UNLOAD_GRACE_MS: int(30_000),
  COMPACT_AFTER_BYTES: int(1024 * 1024),
  COMPACT_AFTER_UPDATES: int(1000),
  /** NORMAL survives a crash of the process; FULL also a power loss. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Outgoing bytes a slow client may have queued before it is dropped. */
  MAX_BUFFERED_BYTES: int(32 * 1024 * 1024),
  PING_INTERVAL_MS: int(30_000),
  /** Workshops one client address may create per ROOM_CREATE_WINDOW_MS. */
  ROOM_CREATE_LIMIT: int(30),
  ROOM_CREATE_WINDOW_MS: int(60_000),
  /** Public base URL for the links handed out (e.g. https://tavolo.example.org); the request's origin when unset. */
  PUBLIC_URL: z.string().url().optional(),
  /** Caps on one room's board (and on each drafts document); updates that would cross them are refused. */
  MAX_NOTES_PER_ROOM: positive(2000),
  MAX_SCENARIOS_PER_ROOM: positive(200),
  MAX_ACTIONS_PER_ROOM: positive(200),
  MAX_COMMENTS_PER_ROOM: positive(5000),
  MAX_REACTIONS_PER_ROOM: positive(20_000),
  /** Bytes one document may grow to, as stored (snapshot plus accepted updates). */
  MAX_ROOM_BYTES: positive(16 * 1024 * 1024),
  /** On SIGTERM/SIGINT, how long rooms whose appends fail may keep retrying before the process exits non-zero. */
  SHUTDOWN_TIMEOUT_MS: int(10_000),
  /** PostgreSQL instead of the embedded SQLite file, for several processes (README, "Running several processes"). */
  DATABASE_URL: z.string().url().optional(),
  /** A schema of that database to work in (created if missing); the connection's search_path otherwise. */
  PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(),
  /** PostgreSQL connections per process. */
  PG_POOL_SIZE: positive(10),
  /** Redis relaying changes between the processes serving a room; without it a process relays to its own peers only. */
  REDIS_URL: z.string().url().optional(),
  /** Where the built client is served from. */
  STATIC_DIR: z.string().default('dist'),

  // Limits on what one client may send or hold (README, "Limits").
  /** Document updates one connection may send per second (a burst of as many is allowed). */
  UPDATE_RATE_LIMIT: int(100),
  /** Update bytes one connection may send per second; a single frame up to MAX_MESSAGE_BYTES always fits. */
  UPDATE_BYTES_PER_SECOND: int(1024 * 1024),
  /** Largest awareness (presence) update accepted; larger ones are dropped. */
  AWARENESS_MAX_BYTES: int(16 * 1024),
  /** Awareness updates one connection may send per second; the rest are dropped. */
  AWARENESS_RATE_LIMIT: int(60),
  /** Open sockets from one client address (a workshop room shares one NAT address). */
  MAX_CONNECTIONS_PER_ADDRESS: int(300),
  /** Yjs client ids one identity may write under in a room (a device takes a new one per page load). */
  CLIENT_IDS_PER_IDENTITY: int(1000),
  /** Open sockets on one room, its drafts included. */
  MAX_CONNECTIONS_PER_ROOM: int(500),
  /** Outgoing bytes queued over all sockets; past it the slowest readers are dropped. */
  MAX_TOTAL_BUFFERED_BYTES: int(256 * 1024 * 1024),
  /** Boards loaded in memory at once; joining one more is refused until some unload. */
  MAX_LOADED_ROOMS: int(1000),
  /** Worker threads computing board suggestions (README, "Suggested scenarios"). */
  SUGGEST_WORKERS: positive(1),
  /** Suggestion requests from other rooms that may wait for a worker; past it they get 503. */
  SUGGEST_QUEUE_LIMIT: int(8),
  /** How long one board's suggestions may take before the worker is terminated and the request gets 503. */
  SUGGEST_TIMEOUT_MS: positive(20_000),

  /** Proxies in front of the server: a number of hops, or a comma-separated list of addresses/subnets; none by default. */
  TRUST_PROXY: z.string().default('').transform(parseTrustProxy),
  /** Origins allowed to open the sync socket and make state-changing HTTP requests, comma-separated; the server's own origin by default. */
  /** Bearer token a metrics scraper sends to GET /metrics; unset, only direct local requests may read it. */
  METRICS_TOKEN: z
    .string()
    .default('')
    .transform((s) => s.trim() || null),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean)),
});

/** The forms express's `trust proxy` takes: false, a hop count, or addresses and subnets. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, besides addresses and subnets. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const looksLikeAddress = (a: string): boolean => PROXY_NAMES.has(a) || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a);

function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = list.filter((a) => !looksLikeAddress(a));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not a hop count, address, subnet or loopback/linklocal/uniquelocal: ${bad.join(', ')}` });
  return list;
}

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; staticDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR), staticDir: path.resolve(parsed.data.STATIC_DIR) };
}
