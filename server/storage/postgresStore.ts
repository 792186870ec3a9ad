/**
 * The store for several processes: PostgreSQL through a `pg` Pool. Every
 * call is one statement or one short transaction, so any number of
 * processes may append to the same document at once:
 *
 * - The database assigns sequence numbers: an append bumps the document's
 *   row in `docs` and inserts the update in one statement, so two writers
 *   queue on that row and each document's sequence stays gap-free and
 *   ordered by commit.
 * - A load reads snapshot and log in one statement, i.e. one consistent
 *   view, so a compaction committing meanwhile cannot hide updates from it.
 * - A compaction deletes only up to the sequence the compacting process has
 *   folded into its snapshot, and never replaces a newer snapshot with an
 *   older one: what another process appended since is kept. While one
 *   process compacts a document, another's compaction of it is skipped.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { checksumOf, verifyChecksum } from './checksum';
import { migratePostgres } from './postgresMigrations';
import type { RoomRecord, Schedule, Store, StoredDocument } from './store';

export interface PostgresStoreOptions {
  connectionString: string;
  /** A schema to work in (created if missing) instead of the connection's default search_path. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface RoomRow {
  room_id: string;
  title: string;
  created_at: string;
  facilitator_hash: string;
  participant_hash: string;
  observer_hash: string;
  join_hash: string | null;
}

const APPEND = `
  WITH counter AS (
    INSERT INTO docs (doc_id, last_seq) VALUES ($1, 1)
    ON CONFLICT (doc_id) DO UPDATE SET last_seq = docs.last_seq + 1
    RETURNING last_seq
  )
  INSERT INTO updates (doc_id, seq, data, checksum) SELECT $1, last_seq, $2, $3 FROM counter RETURNING seq`;

// kind 0 is the snapshot (seq = upto_seq), kind 1 the updates after max(snapshot, $2).
const LOAD = `
  WITH snap AS (SELECT data, upto_seq, checksum FROM snapshots WHERE doc_id = $1)
  SELECT 0 AS kind, upto_seq AS seq, data, checksum FROM snap WHERE upto_seq > $2
  UNION ALL
  SELECT 1 AS kind, u.seq, u.data, u.checksum FROM updates u
    WHERE u.doc_id = $1 AND u.seq > GREATEST($2, COALESCE((SELECT upto_seq FROM snap), 0))
  UNION ALL
  SELECT 2 AS kind, last_seq AS seq, NULL, NULL FROM docs WHERE doc_id = $1
  ORDER BY kind, seq`;

/** Connections kept for advisory locks, apart from the pool's. */
const LOCK_CONNECTIONS = 4;
const LOCK_SQL = {
  shared: ['SELECT pg_advisory_lock_shared(hashtext($1))', 'SELECT pg_advisory_unlock_shared(hashtext($1))'],
  exclusive: ['SELECT pg_advisory_lock(hashtext($1))', 'SELECT pg_advisory_unlock(hashtext($1))'],
} as const;

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export async function createPostgresStore({ connectionString, schema, max = 10 }: PostgresStoreOptions): Promise<Store> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString, max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }

  // Locks are held on connections of their own: a holder's reads and writes
  // go through `pool`, so holders can never take every connection those need.
  const lockPool = new pg.Pool({ connectionString, max: LOCK_CONNECTIONS, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  lockPool.on('error', () => undefined);

  const transaction = async <T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  const underRoom = "(doc_id = $1 OR starts_with(doc_id, $1 || '~'))";

  return {
    async createRoom(room: RoomRecord, initialUpdate) {
      const h = room.tokenHashes;
      await transaction(async (c) => {
        await c.query(
          'INSERT INTO rooms (room_id, title, created_at, facilitator_hash, participant_hash, observer_hash, join_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [room.roomId, room.title, room.createdAt, h.facilitator, h.participant, h.observer, h.join ?? null],
        );
        await c.query(APPEND, [room.roomId, toBuffer(initialUpdate), checksumOf(initialUpdate)]);
      });
    },
    async getRoom(roomId) {
      const { rows } = await pool.query<RoomRow>('SELECT * FROM rooms WHERE room_id = $1', [roomId]);
      const row = rows[0];
      if (!row) return null;
      return {
        roomId: row.room_id,
        title: row.title,
        createdAt: Number(row.created_at),
        tokenHashes: {
          facilitator: row.facilitator_hash,
          participant: row.participant_hash,
          observer: row.observer_hash,
          ...(row.join_hash ? { join: row.join_hash } : {}),
        },
      };
    },
    async findRoomByJoinHash(joinHash) {
      const { rows } = await pool.query<{ room_id: string }>('SELECT room_id FROM rooms WHERE join_hash = $1', [joinHash]);
      return rows[0]?.room_id ?? null;
    },
    async load(docId, afterSeq = 0) {
      const { rows } = await pool.query<{ kind: number; seq: string; data: Buffer | null; checksum: number | null }>(LOAD, [docId, afterSeq]);
      const doc: StoredDocument = { snapshot: null, updates: [], lastSeq: 0, logBytes: 0, verified: true };
      for (const r of rows) {
        if (r.kind === 0) {
          doc.verified = verifyChecksum(r.data!, r.checksum, `the snapshot of ${docId}`) && doc.verified;
          doc.snapshot = toBytes(r.data!);
        } else if (r.kind === 1) {
          doc.verified = verifyChecksum(r.data!, r.checksum, `update ${r.seq} of ${docId}`) && doc.verified;
          doc.updates.push(toBytes(r.data!));
          doc.logBytes += r.data!.byteLength;
        } else doc.lastSeq = Number(r.seq);
      }
      return doc;
    },
    async append(docId, update) {
      const { rows } = await pool.query<{ seq: string }>(APPEND, [docId, toBuffer(update), checksumOf(update)]);
      return Number(rows[0]!.seq);
    },
    async compact(docId, snapshot, uptoSeq) {
      await transaction(async (c) => {
        // One process compacts a document at a time; another one at it already makes this one redundant.
        const { rows } = await c.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [docId]);
        if (!rows[0]!.locked) return;
        const { rowCount } = await c.query(
          `INSERT INTO snapshots (doc_id, data, upto_seq, checksum) VALUES ($1, $2, $3, $4)
           ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, checksum = excluded.checksum
           WHERE snapshots.upto_seq < excluded.upto_seq`,
          [docId, toBuffer(snapshot), uptoSeq, checksumOf(snapshot)],
        );
        if (rowCount === 1) await c.query('DELETE FROM updates WHERE doc_id = $1 AND seq <= $2', [docId, uptoSeq]);
      });
    },
    async listDocs(prefix) {
      const { rows } = await pool.query<{ doc_id: string }>('SELECT doc_id FROM docs WHERE starts_with(doc_id, $1)', [prefix]);
      return rows.map((r) => r.doc_id);
    },
    async deleteRoom(roomId) {
      await transaction(async (c) => {
        await c.query('DELETE FROM rooms WHERE room_id = $1', [roomId]);
        await c.query('DELETE FROM schedules WHERE room_id = $1', [roomId]);
        for (const table of ['updates', 'snapshots', 'docs']) await c.query(`DELETE FROM ${table} WHERE ${underRoom}`, [roomId]);
      });
    },
    async scrub() {
      // Deleted rows are dead tuples no query returns; PostgreSQL's (auto)vacuum
      // reclaims their space. Overwriting them at once (VACUUM FULL) would lock
      // the tables for every workshop, so it is left to the operator (README).
    },
    async setSchedule({ roomId, name, dueAt, ref }) {
      await pool.query(
        'INSERT INTO schedules (room_id, name, due_at, ref) VALUES ($1, $2, $3, $4) ON CONFLICT (room_id, name) DO UPDATE SET due_at = excluded.due_at, ref = excluded.ref',
        [roomId, name, dueAt, ref],
      );
    },
    async clearSchedule(roomId, name, ref) {
      if (ref === undefined) await pool.query('DELETE FROM schedules WHERE room_id = $1 AND name = $2', [roomId, name]);
      else await pool.query('DELETE FROM schedules WHERE room_id = $1 AND name = $2 AND ref = $3', [roomId, name, ref]);
    },
    async dueSchedules(upTo) {
      const { rows } = await pool.query<{ room_id: string; name: string; due_at: string; ref: string }>(
        'SELECT room_id, name, due_at, ref FROM schedules WHERE due_at <= $1 ORDER BY due_at, room_id, name',
        [upTo],
      );
      return rows.map((r): Schedule => ({ roomId: r.room_id, name: r.name, dueAt: Number(r.due_at), ref: r.ref }));
    },
    async nextScheduleAt() {
      const { rows } = await pool.query<{ due: string | null }>('SELECT MIN(due_at) AS due FROM schedules');
      return rows[0]?.due == null ? null : Number(rows[0].due);
    },
    async secret(name) {
      await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, crypto.randomBytes(32)]);
      const { rows } = await pool.query<{ value: Buffer }>('SELECT value FROM secrets WHERE name = $1', [name]);
      return toBytes(rows[0]!.value);
    },
    async lock(name, mode) {
      const client = await lockPool.connect();
      const [take, give] = LOCK_SQL[mode];
      try {
        await client.query(take, [`lock:${name}`]);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        try {
          await client.query(give, [`lock:${name}`]);
          client.release();
        } catch (err) {
          // A session that cannot unlock is closed, which drops its locks.
          client.release(err as Error);
        }
      };
    },
    async close() {
      await lockPool.end();
      await pool.end();
    },
  };
}
