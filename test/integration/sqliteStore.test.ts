import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../server/storage/sqliteFile';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqliteMigrations';
import { createSqliteStore } from '../../server/storage/sqliteStore';
import { storeContract, type RawRows } from './storeContract';

// One directory for the whole suite, so "survives being reopened" reopens the same file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-sqlite-'));
/** Rows changed through a connection of their own, as damage on disk would. */
const rawRows = (): RawRows => {
  const run = (sql: string, ...params: unknown[]): void => {
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare(sql).run(...params);
    db.close();
  };
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]);
  return {
    async damage(docId, part) {
      if ('snapshot' in part) run('UPDATE snapshots SET data = ? WHERE doc_id = ?', garbage, docId);
      else run('UPDATE updates SET data = ? WHERE doc_id = ? AND seq = ?', garbage, docId, part.seq);
    },
    async dropChecksums(docId) {
      run('UPDATE snapshots SET checksum = NULL WHERE doc_id = ?', docId);
      run('UPDATE updates SET checksum = NULL WHERE doc_id = ?', docId);
    },
  };
};
storeContract('SQLite', async () => createSqliteStore({ dataDir: dir }), rawRows);

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

describe('SQLite erasure', () => {
  // SQLite's secure_delete zeroes a deleted cell where it is deleted, but a cell a page split or merge moved to
  // another page earlier leaves its old bytes in the first page's unused space; only rewriting the file removes them.
  it('leaves no byte of a deleted room in the file, however its rows moved between pages', async () => {
    const mark = (room: number, i: number) => `room${room}mark${String(i).padStart(6, '0')}x`;
    const remaining: string[] = [];
    // Paddings at which, before scrub rewrote the file, some of the deleted rows stayed in it.
    for (const pad of [55, 80, 90, 95, 145, 200]) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-sqlite-erase-'));
      const store = createSqliteStore({ dataDir });
      const rooms = Array.from({ length: 7 }, (_, r) => `room-${r}`);
      for (const roomId of rooms) await store.createRoom({ roomId, title: 'T', createdAt: 1, tokenHashes: { facilitator: 'f', participant: 'p', observer: 'o' } }, new Uint8Array([0, 0]));
      for (let i = 0; i < 4000; i++) {
        const r = i % rooms.length;
        await store.append(rooms[r]!, Buffer.from(mark(r, i) + 'y'.repeat(pad + ((i * 37) % 200))));
      }
      await store.deleteRoom('room-3');
      await store.scrub();
      const bytes = fs.readFileSync(path.join(dataDir, DB_FILE));
      for (let i = 3; i < 4000; i += rooms.length) if (bytes.includes(mark(3, i))) remaining.push(`${pad}: ${mark(3, i)}`);
      // What was not deleted is all still there: its first update and every one appended.
      expect((await store.load('room-4')).updates.length).toBe(1 + Math.floor((3999 - 4) / 7) + 1);
      await store.close();
    }
    expect(remaining).toEqual([]);
  });
});
