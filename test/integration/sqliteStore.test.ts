import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../server/storage/sqliteStore';
import { storeContract } from './storeContract';

// One directory for the whole suite, so "survives being reopened" reopens the same file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-sqlite-'));
storeContract('SQLite', async () => createSqliteStore({ dataDir: dir }));
