/**
 * The PostgreSQL schema as an ordered list of migrations, applied at
 * start-up. Every process starting at once runs `migratePostgres`; an
 * advisory lock held for the transaction makes the others wait and then
 * find nothing left to do. Append new migrations; never edit one that has
 * shipped.
 */
import type { Pool } from 'pg';

export interface PostgresMigration {
  version: number;
  description: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'rooms, per-document sequence counters, update log, snapshots, secrets',
    sql: `
      CREATE TABLE rooms (
        room_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        facilitator_hash TEXT NOT NULL,
        participant_hash TEXT NOT NULL,
        observer_hash TEXT NOT NULL,
        join_hash TEXT UNIQUE
      );
      -- One row per document holding its last sequence number: appends bump
      -- it in the statement that inserts the update, so concurrent writers
      -- queue on the row and sequences stay gap-free and in commit order.
      CREATE TABLE docs (
        doc_id TEXT PRIMARY KEY,
        last_seq BIGINT NOT NULL
      );
      CREATE TABLE updates (
        doc_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (doc_id, seq)
      );
      CREATE TABLE snapshots (
        doc_id TEXT PRIMARY KEY,
        data BYTEA NOT NULL,
        upto_seq BIGINT NOT NULL
      );
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BYTEA NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'schedules: durable per-room timers (consultation deadlines)',
    sql: `
      CREATE TABLE schedules (
        room_id TEXT NOT NULL,
        name TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (room_id, name)
      );
      CREATE INDEX schedules_due ON schedules (due_at);
    `,
  },
  {
    version: 3,
    description: 'checksums of stored updates and snapshots (storage/checksum.ts); rows written before have none',
    sql: `
      ALTER TABLE snapshots ADD COLUMN checksum INTEGER;
      ALTER TABLE updates ADD COLUMN checksum INTEGER;
    `,
  },
];

/** Any constant will do: it only has to be the same in every Tavolo process ('TvLo'). */
const MIGRATION_LOCK = 0x54764c6f;

/** Applies, in one transaction, every migration not yet recorded in the current schema; returns the versions applied. */
export async function migratePostgres(pool: Pool, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
