/** Reads a stopped or running server's SQLite file directly: every table, every column, every row. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export interface FoundRow {
  table: string;
  column: string;
  /** The row's document, in the tables that have one. */
  docId?: string;
}

/** Every user table of the database (sqlite_master), migrations' bookkeeping included. */
export function tablesOf(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'tavolo.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

/** The cells, in any table and column, whose text or bytes contain `needle` (as UTF-8). */
export function rowsContaining(dataDir: string, needle: string): FoundRow[] {
  const bytes = Buffer.from(needle, 'utf8');
  const db = new Database(path.join(dataDir, 'tavolo.sqlite'), { readonly: true });
  try {
    const found: FoundRow[] = [];
    for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const [column, v] of Object.entries(row)) {
          const hit = Buffer.isBuffer(v) ? v.includes(bytes) : typeof v === 'string' && v.includes(needle);
          if (hit) found.push({ table: name, column, ...(typeof row.doc_id === 'string' ? { docId: row.doc_id } : {}) });
        }
      }
    }
    return found;
  } finally {
    db.close();
  }
}

/** The files of the data directory (database, WAL, shared memory) whose raw bytes contain `needle`: free pages and old WAL frames included. */
export function filesContaining(dataDir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return fs.readdirSync(dataDir).filter((f) => {
    const file = path.join(dataDir, f);
    return fs.statSync(file).isFile() && fs.readFileSync(file).includes(bytes);
  });
}
