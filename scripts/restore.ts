/**
 * `npm run restore -- <file> [--force]`: puts a backup back as the database
 * in DATA_DIR (./data by default). The server must be stopped. The file is
 * checked to be a sound Tavolo database first; an existing database is
 * replaced only with --force. The copy goes through SQLite's backup API to a
 * temporary file that then replaces the old one, and the old database's
 * write-ahead log is removed with it, so it can never be replayed onto the
 * restored file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE, DatabaseUnusableError } from '../server/storage/sqliteFile';
import { describeDatabase, fail, inUse, parseArgs } from './dbTool';

const { file, force } = parseArgs(process.argv.slice(2), 'npm run restore -- <file> [--force]');
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const target = path.join(dataDir, DB_FILE);
const source = path.resolve(file);

let summary: string;
try {
  summary = describeDatabase(source);
} catch (err) {
  if (err instanceof DatabaseUnusableError) fail(`refusing to restore: ${err.message}`);
  throw err;
}
if (fs.existsSync(target)) {
  if (inUse(target)) fail(`a server is running on ${target}; stop it before restoring`);
  if (!force) fail(`${target} already exists; pass --force to replace it with ${source}`);
}

fs.mkdirSync(dataDir, { recursive: true });
const partial = `${target}.restoring-${process.pid}`;
const src = new Database(source, { readonly: true, fileMustExist: true });
try {
  await src.backup(partial);
} finally {
  src.close();
}
for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
fs.renameSync(partial, target);
console.log(`Restored ${summary} from ${source} into ${target}`);
