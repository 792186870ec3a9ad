/**
 * `npm run backup -- <file> [--force]`: a consistent copy of the database in
 * DATA_DIR (./data by default), safe while the server is running. It uses
 * SQLite's online backup API: a plain file copy misses whatever is still in
 * the write-ahead log (tavolo.sqlite-wal), which is most recent changes. The
 * copy is checked before it is put in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE, DatabaseUnusableError, openTavoloDatabase } from '../server/storage/sqliteFile';
import { describeDatabase, fail, parseArgs } from './dbTool';

const { file, force } = parseArgs(process.argv.slice(2), 'npm run backup -- <file> [--force]');
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const source = path.join(dataDir, DB_FILE);
const target = path.resolve(file);
if (fs.existsSync(target) && !force) fail(`${target} already exists; pass --force to overwrite it`);

try {
  const db = openTavoloDatabase(source, { create: false, readonly: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  const summary = describeDatabase(partial);
  fs.renameSync(partial, target);
  console.log(`Backed up ${summary} from ${source} to ${target}`);
} catch (err) {
  if (err instanceof DatabaseUnusableError) fail(`cannot back up: ${err.message}`);
  throw err;
}
