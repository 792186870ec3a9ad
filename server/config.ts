/** Server configuration from the environment, validated once at start-up. */
import path from 'node:path';
import { z } from 'zod';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

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
  /** On SIGTERM/SIGINT, how long rooms whose appends fail may keep retrying before the process exits non-zero. */
  SHUTDOWN_TIMEOUT_MS: int(10_000),
  /** Where the built client is served from. */
  STATIC_DIR: z.string().default('dist'),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; staticDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR), staticDir: path.resolve(parsed.data.STATIC_DIR) };
}
