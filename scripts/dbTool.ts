/** What the backup and restore commands share: arguments, checks, messages. */
import Database from 'better-sqlite3';
import { openTavoloDatabase } from '../server/storage/sqliteFile';

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export function parseArgs(argv: string[], usage: string): { file: string; force: boolean } {
  // These copy the embedded SQLite file; a PostgreSQL installation has its own tools.
  if (process.env.DATABASE_URL) fail('backup and restore handle the SQLite file in DATA_DIR only; with DATABASE_URL use pg_dump and pg_restore');
  const force = argv.includes('--force');
  const rest = argv.filter((a) => a !== '--force');
  if (rest.length !== 1 || rest[0]!.startsWith('--')) fail(`usage: ${usage}`);
  return { file: rest[0]!, force };
}

/** Checks that `file` is a sound Tavolo database and says what it holds; throws DatabaseUnusableError otherwise. */
export function describeDatabase(file: string): string {
  const db = openTavoloDatabase(file, { create: false, readonly: true });
  try {
    const { rooms } = db.prepare<[], { rooms: number }>('SELECT COUNT(*) AS rooms FROM rooms').get()!;
    return `${rooms} workshop(s)`;
  } finally {
    db.close();
  }
}

/**
 * Whether another process (a running server) has the database open. A
 * running server holds it in WAL mode; taking it in exclusive locking mode
 * then fails at once instead of waiting.
 */
export function inUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw err;
  } finally {
    db.close();
  }
}
