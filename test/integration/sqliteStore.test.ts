import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../server/storage/sqliteFile';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqliteMigrations';
import { createSqliteStore } from '../../server/storage/sqliteStore';
import { storeContract } from './storeContract';

// One directory for the whole suite, so "survives being reopened" reopens the same file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-sqlite-'));
storeContract('SQLite', async () => createSqliteStore({ dataDir: dir }));

describe('SQLite schema migrations', () => {
  it('records a database from before versioned migrations at version 1 and keeps its data', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-sqlite-old-'));
    // The schema as the server created it before schema_migrations existed, with a room in it.
    const db = new Database(path.join(old, DB_FILE));
    db.exec(SQLITE_MIGRATIONS[0]!.sql);
    db.prepare("INSERT INTO rooms VALUES ('r1', 'Old', 1, 'f', 'p', 'o', NULL)").run();
    db.prepare("INSERT INTO updates VALUES ('r1', 1, x'00')").run();
    db.close();

    const store = createSqliteStore({ dataDir: old });
    expect((await store.getRoom('r1'))?.title).toBe('Old');
    expect((await store.load('r1')).lastSeq).toBe(1);
    await store.close();
    const again = createSqliteStore({ dataDir: old });
    await again.close();

    const check = new Database(path.join(old, DB_FILE), { readonly: true });
    expect(check.prepare('SELECT version FROM schema_migrations').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    check.close();
  });
});
