/**
 * Opening Tavolo's SQLite file, and telling a fresh install from a damaged
 * one. Only a file that does not exist is a fresh install: an empty,
 * truncated or foreign file is refused with a reason, never overwritten with
 * a new schema, because the installation's identity key lives in it and a
 * new key would invalidate every link handed out.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrateSqlite } from './sqliteMigrations';

export const DB_FILE = 'tavolo.sqlite';
/** 'TvLo', stamped in the SQLite header of every Tavolo database. */
export const APPLICATION_ID = 0x54764c6f;
const TABLES = ['rooms', 'snapshots', 'updates', 'secrets'] as const;

export class DatabaseUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DatabaseUnusableError';
  }
}

export interface OpenOptions {
  /** Create the file with the schema when it does not exist (the server); false for tools reading a copy. */
  create: boolean;
  readonly?: boolean;
}

/** Opens and checks a Tavolo database; throws DatabaseUnusableError with the reason otherwise. */
export function openTavoloDatabase(file: string, { create, readonly = false }: OpenOptions): Database.Database {
  const exists = fs.existsSync(file);
  if (!exists && !create) throw new DatabaseUnusableError(file, 'no such file');
  if (exists) {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new DatabaseUnusableError(file, 'not a regular file');
    // SQLite would happily start a new database in an empty file.
    if (st.size === 0) throw new DatabaseUnusableError(file, 'the file is empty (0 bytes): not a Tavolo database; refusing to start a new one over it');
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly, fileMustExist: exists });
    if (exists) check(db, file);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // A fresh file gets the whole schema; an older one what it lacks.
      migrateSqlite(db);
      // A database from before the stamp has the same schema: stamp it now.
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof DatabaseUnusableError) throw err;
    const e = err as { code?: string; message?: string };
    throw new DatabaseUnusableError(file, `cannot be read as a SQLite database (${e.code ?? 'error'}: ${e.message ?? String(err)}); it is damaged or not a database`);
  }
}

function check(db: Database.Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  const missing = TABLES.filter((t) => !tables.has(t));
  if (appId !== APPLICATION_ID && missing.length > 0) {
    throw new DatabaseUnusableError(file, `not a Tavolo database (application id ${appId}, tables ${[...tables].join(', ') || 'none'})`);
  }
  if (missing.length > 0) throw new DatabaseUnusableError(file, `damaged: missing tables ${missing.join(', ')}`);
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') throw new DatabaseUnusableError(file, `damaged: integrity check says ${String(result)}`);
}
