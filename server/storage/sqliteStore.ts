/**
 * Embedded default store: SQLite through better-sqlite3 in WAL mode.
 * better-sqlite3 is synchronous, so an append has hit the WAL (and, with
 * synchronous=NORMAL, survives a crash of this process) by the time the
 * returned promise resolves. Statements are prepared once.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { checksumOf, verifyChecksum } from './checksum';
import { DB_FILE, openTavoloDatabase } from './sqliteFile';
import type { RoomRecord, Schedule, Store, StoredDocument } from './store';

export type SqliteSynchronous = 'OFF' | 'NORMAL' | 'FULL';

export interface SqliteStoreOptions {
  dataDir: string;
  /** NORMAL survives process crashes (kill -9); FULL also survives power loss. */
  synchronous?: SqliteSynchronous;
}

export function createSqliteStore({ dataDir, synchronous = 'NORMAL' }: SqliteStoreOptions): Store {
  // Throws DatabaseUnusableError for an empty, damaged or foreign file.
  const db = openTavoloDatabase(path.join(dataDir, DB_FILE), { create: true });
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, in the page and the WAL frame written for it, so erased text
  // does not linger in free space. That is not all of it: a row a page split or merge moved earlier leaves
  // its old bytes in the unused space of the page it left, so `scrub` also rewrites the file, then empties
  // the WAL, which still holds the pages from before.
  db.pragma('secure_delete = ON');

  const insertRoom = db.prepare(
    'INSERT INTO rooms (room_id, title, created_at, facilitator_hash, participant_hash, observer_hash, join_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  interface RoomRow {
    room_id: string;
    title: string;
    created_at: number;
    facilitator_hash: string;
    participant_hash: string;
    observer_hash: string;
    join_hash: string | null;
  }
  const selectRoom = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE room_id = ?');
  const selectRoomByJoin = db.prepare<[string], { room_id: string }>('SELECT room_id FROM rooms WHERE join_hash = ?');
  const selectSnapshot = db.prepare<[string], { data: Buffer; upto_seq: number; checksum: number | null }>(
    'SELECT data, upto_seq, checksum FROM snapshots WHERE doc_id = ?',
  );
  const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer; checksum: number | null }>(
    'SELECT seq, data, checksum FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
  );
  const selectLastSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE doc_id = ?');
  const insertUpdateRow = db.prepare('INSERT INTO updates (doc_id, seq, data, checksum) VALUES (?, ?, ?, ?)');
  const insertUpdate = (docId: string, seq: number, data: Uint8Array): unknown => insertUpdateRow.run(docId, seq, data, checksumOf(data));
  const upsertSnapshotRow = db.prepare(
    'INSERT INTO snapshots (doc_id, data, upto_seq, checksum) VALUES (?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, checksum = excluded.checksum WHERE excluded.upto_seq > snapshots.upto_seq',
  );
  const upsertSnapshot = (docId: string, data: Uint8Array, uptoSeq: number): unknown => upsertSnapshotRow.run(docId, data, uptoSeq, checksumOf(data));
  const deleteUpdatesUpto = db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?');
  const deleteRoomRow = db.prepare('DELETE FROM rooms WHERE room_id = ?');
  // A room's documents are the room id itself and ids under `${roomId}~`.
  const underRoom = "doc_id = @id OR substr(doc_id, 1, length(@id) + 1) = @id || '~'";
  const deleteDocUpdates = db.prepare(`DELETE FROM updates WHERE ${underRoom}`);
  const deleteDocSnapshots = db.prepare(`DELETE FROM snapshots WHERE ${underRoom}`);
  const withPrefix = 'substr(doc_id, 1, length(@prefix)) = @prefix';
  const selectDocIds = db.prepare<[{ prefix: string }], { doc_id: string }>(
    `SELECT doc_id FROM updates WHERE ${withPrefix} UNION SELECT doc_id FROM snapshots WHERE ${withPrefix}`,
  );
  const upsertSchedule = db.prepare(
    'INSERT INTO schedules (room_id, name, due_at, ref) VALUES (?, ?, ?, ?) ON CONFLICT(room_id, name) DO UPDATE SET due_at = excluded.due_at, ref = excluded.ref',
  );
  const deleteSchedule = db.prepare('DELETE FROM schedules WHERE room_id = ? AND name = ?');
  const deleteScheduleRef = db.prepare('DELETE FROM schedules WHERE room_id = ? AND name = ? AND ref = ?');
  const deleteRoomSchedules = db.prepare('DELETE FROM schedules WHERE room_id = ?');
  interface ScheduleRow {
    room_id: string;
    name: string;
    due_at: number;
    ref: string;
  }
  const selectDue = db.prepare<[number], ScheduleRow>('SELECT * FROM schedules WHERE due_at <= ? ORDER BY due_at, room_id, name');
  const selectNextDue = db.prepare<[], { due: number | null }>('SELECT MIN(due_at) AS due FROM schedules');
  const toSchedule = (r: ScheduleRow): Schedule => ({ roomId: r.room_id, name: r.name, dueAt: r.due_at, ref: r.ref });
  const selectSecret = db.prepare<[string], { value: Buffer }>('SELECT value FROM secrets WHERE name = ?');
  const insertSecret = db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)');

  // The next sequence number per room, kept in memory after the first read so
  // an append is a single INSERT.
  const nextSeq = new Map<string, number>();
  const lastSeqOf = (roomId: string): number => {
    const snap = selectSnapshot.get(roomId);
    const last = selectLastSeq.get(roomId)?.seq ?? 0;
    return Math.max(last, snap?.upto_seq ?? 0);
  };

  const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

  const createTx = db.transaction((room: RoomRecord, initial: Uint8Array) => {
    const h = room.tokenHashes;
    insertRoom.run(room.roomId, room.title, room.createdAt, h.facilitator, h.participant, h.observer, h.join ?? null);
    insertUpdate(room.roomId, 1, initial);
  });
  const deleteRoomTx = db.transaction((roomId: string) => {
    deleteRoomRow.run(roomId);
    deleteRoomSchedules.run(roomId);
    deleteDocUpdates.run({ id: roomId });
    deleteDocSnapshots.run({ id: roomId });
  });
  const compactTx = db.transaction((roomId: string, snapshot: Uint8Array, uptoSeq: number) => {
    upsertSnapshot(roomId, snapshot, uptoSeq);
    deleteUpdatesUpto.run(roomId, uptoSeq);
  });

  return {
    async createRoom(room, initialUpdate) {
      createTx(room, initialUpdate);
      nextSeq.set(room.roomId, 2);
    },
    async getRoom(roomId) {
      const row = selectRoom.get(roomId);
      if (!row) return null;
      return {
        roomId: row.room_id,
        title: row.title,
        createdAt: row.created_at,
        tokenHashes: {
          facilitator: row.facilitator_hash,
          participant: row.participant_hash,
          observer: row.observer_hash,
          ...(row.join_hash ? { join: row.join_hash } : {}),
        },
      };
    },
    async load(roomId, afterSeq = 0) {
      const stored = selectSnapshot.get(roomId);
      // A reader already holding the snapshot's updates needs only what follows.
      const snap = stored && stored.upto_seq > afterSeq ? stored : undefined;
      const rows = selectUpdates.all(roomId, Math.max(afterSeq, stored?.upto_seq ?? 0));
      let logBytes = 0;
      let verified = snap ? verifyChecksum(snap.data, snap.checksum, `the snapshot of ${roomId}`) : true;
      const updates = rows.map((r) => {
        logBytes += r.data.byteLength;
        verified = verifyChecksum(r.data, r.checksum, `update ${r.seq} of ${roomId}`) && verified;
        return toBytes(r.data);
      });
      const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : afterSeq === 0 ? (stored?.upto_seq ?? 0) : lastSeqOf(roomId);
      nextSeq.set(roomId, lastSeq + 1);
      const doc: StoredDocument = { snapshot: snap ? toBytes(snap.data) : null, updates, lastSeq, logBytes, verified };
      return doc;
    },
    async append(roomId, update) {
      const seq = nextSeq.get(roomId) ?? lastSeqOf(roomId) + 1;
      insertUpdate(roomId, seq, update);
      nextSeq.set(roomId, seq + 1);
      return seq;
    },
    async compact(roomId, snapshot, uptoSeq) {
      compactTx(roomId, snapshot, uptoSeq);
    },
    async findRoomByJoinHash(joinHash) {
      return selectRoomByJoin.get(joinHash)?.room_id ?? null;
    },
    async listDocs(prefix) {
      return selectDocIds.all({ prefix }).map((r) => r.doc_id);
    },
    async deleteRoom(roomId) {
      deleteRoomTx(roomId);
      for (const id of nextSeq.keys()) if (id === roomId || id.startsWith(`${roomId}~`)) nextSeq.delete(id);
    },
    // Run after an erasure or a room's deletion, both rare: VACUUM copies every live row into fresh pages
    // (about 10 ms per MB of database here, during which this process waits), and the checkpoint then
    // overwrites the file with them and truncates it.
    async scrub() {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async setSchedule({ roomId, name, dueAt, ref }) {
      upsertSchedule.run(roomId, name, dueAt, ref);
    },
    async clearSchedule(roomId, name, ref) {
      if (ref === undefined) deleteSchedule.run(roomId, name);
      else deleteScheduleRef.run(roomId, name, ref);
    },
    async dueSchedules(upTo) {
      return selectDue.all(upTo).map(toSchedule);
    },
    async nextScheduleAt() {
      return selectNextDue.get()?.due ?? null;
    },
    async secret(name) {
      insertSecret.run(name, crypto.randomBytes(32));
      return toBytes(selectSecret.get(name)!.value);
    },
    // One process owns an SQLite file, and within it the callers' own
    // check-and-write, made synchronously after their last await, already
    // orders a vote and a reveal: nothing to wait for.
    async lock() {
      return async () => undefined;
    },
    async close() {
      if (db.open) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
    },
  };
}
