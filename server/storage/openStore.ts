/** The store the configuration asks for: PostgreSQL with DATABASE_URL, else the embedded SQLite file. */
import type { Config } from '../config';
import { createSqliteStore } from './sqliteStore';
import type { Store } from './store';

export async function openStore(config: Config): Promise<Store> {
  if (config.DATABASE_URL) {
    // pg is loaded only when configured: the embedded default does not pay its memory.
    const { createPostgresStore } = await import('./postgresStore');
    return createPostgresStore({ connectionString: config.DATABASE_URL, schema: config.PG_SCHEMA, max: config.PG_POOL_SIZE });
  }
  return createSqliteStore({ dataDir: config.dataDir, synchronous: config.SQLITE_SYNCHRONOUS });
}
