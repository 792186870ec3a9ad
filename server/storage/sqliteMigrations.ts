/**
 * The SQLite schema as an ordered list of migrations. Each runs once, in a
 * transaction with its row in `schema_migrations`, when the server opens the
 * database. Migration 1 is the schema every Tavolo database had before
 * migrations were versioned; it creates only what is missing, so a data
 * directory from then is recorded at version 1 without being touched.
 * Append new migrations; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';

export interface SqliteMigration {
  version: number;
  description: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'rooms, update log, snapshots, secrets',
    sql: `
      CREATE TABLE IF NOT EXISTS rooms (
        room_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        facilitator_hash TEXT NOT NULL,
        participant_hash TEXT NOT NULL,
        observer_hash TEXT NOT NULL,
        join_hash TEXT UNIQUE
      );
      CREATE TABLE IF NOT EXISTS snapshots (
        doc_id TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS updates (
        doc_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (doc_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
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
        due_at INTEGER NOT NULL,
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

/** Applies every migration the database has not recorded yet; returns the versions applied. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE, and checked inside: another opener of the same file waits instead of applying it twice.
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.sql);
      record.run(m.version, Date.now());
      done.push(m.version);
    }).immediate();
  }
  return done;
}
