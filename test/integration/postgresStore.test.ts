import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newRoomId } from '../../shared/ids';
import { POSTGRES_MIGRATIONS, migratePostgres } from '../../server/storage/postgresMigrations';
import { createPostgresStore } from '../../server/storage/postgresStore';
import { createTestSchema, findPostgres, type TestSchema } from '../helpers/postgres';
import { storeContract, type RawRows } from './storeContract';
import { waitFor } from '../helpers/waitFor';
import pg from 'pg';

const found = await findPostgres();
if ('skip' in found) console.warn(`skipping the PostgreSQL store tests: ${found.skip}`);
const pgUrl = 'url' in found ? found.url : '';

describe.skipIf(!pgUrl)('PostgreSQL store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(pgUrl);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  const open = () => createPostgresStore({ connectionString: pgUrl, schema: schema.schema, max: 4 });

  const rawRows = (): RawRows => {
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]);
    return {
      async damage(docId, part) {
        if ('snapshot' in part) await schema.query('UPDATE snapshots SET data = $1 WHERE doc_id = $2', [garbage, docId]);
        else await schema.query('UPDATE updates SET data = $1 WHERE doc_id = $2 AND seq = $3', [garbage, docId, part.seq]);
      },
      async dropChecksums(docId) {
        await schema.query('UPDATE snapshots SET checksum = NULL WHERE doc_id = $1', [docId]);
        await schema.query('UPDATE updates SET checksum = NULL WHERE doc_id = $1', [docId]);
      },
    };
  };
  storeContract('PostgreSQL', open, rawRows);

  const update = (key: string): Uint8Array => {
    const d = new Y.Doc();
    d.getMap('m').set(key, 1);
    return Y.encodeStateAsUpdate(d);
  };

  it('keeps each document gap-free and ordered when two processes append at once', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const docId = newRoomId();
    const seqs = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).append(docId, update(`k${i}`))));
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const loaded = await a.load(docId);
    expect(loaded.lastSeq).toBe(60);
    expect(loaded.updates).toHaveLength(60);
    await Promise.all([a.close(), b.close()]);
  });

  it('holds a named lock across processes: shared holders together, an exclusive one alone and in turn', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const name = `votes:${newRoomId()}`;
    const events: string[] = [];
    const releaseA = await a.lock(name, 'shared');
    const releaseB = await b.lock(name, 'shared');
    // The exclusive request waits for both shared holders, and a shared request made after it waits behind it.
    const exclusive = a.lock(name, 'exclusive').then((release) => (events.push('exclusive'), release));
    // Asked for, and waiting in PostgreSQL's queue, before the late request is made.
    const watcher = new pg.Client({ connectionString: pgUrl });
    await watcher.connect();
    const waiting = async (): Promise<number> =>
      Number(
        (
          await watcher.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = (hashtext($1)::bigint & 4294967295)::oid",
            [`lock:${name}`],
          )
        ).rows[0]!.n,
      );
    await waitFor(async () => (await waiting()) === 1, { message: 'the exclusive request waiting' });
    const lateShared = b.lock(name, 'shared').then((release) => (events.push('late shared'), release));
    events.push('releasing');
    await releaseA();
    await releaseB();
    const releaseX = await exclusive;
    expect(events).toEqual(['releasing', 'exclusive']);
    await releaseX();
    await (await lateShared)();
    expect(events).toEqual(['releasing', 'exclusive', 'late shared']);
    await watcher.end();
    await Promise.all([a.close(), b.close()]);
  });

  it('never deletes what another process appended after the compacted sequence', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const docId = newRoomId();
    await a.append(docId, update('a'));
    const seen = await a.load(docId);
    const fromB = await b.append(docId, update('b'));
    // A compacts what it has folded in (seq 1); B's append (seq 2) stays.
    await a.compact(docId, Y.mergeUpdates(seen.updates), seen.lastSeq);
    // A compaction behind the stored snapshot changes nothing.
    await b.compact(docId, update('stale'), 0);
    const after = await b.load(docId);
    expect(after.lastSeq).toBe(fromB);
    const d = new Y.Doc();
    for (const p of [after.snapshot, ...after.updates]) if (p) Y.applyUpdate(d, p);
    expect(Object.keys(d.getMap('m').toJSON()).sort()).toEqual(['a', 'b']);
    // A reader holding seq 1 gets only what follows it.
    const since = await b.load(docId, seen.lastSeq);
    expect(since.snapshot).toBeNull();
    expect(since.updates).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('records its migrations once, however many processes start at once', async () => {
    const stores = await Promise.all([open(), open(), open()]);
    const { rows } = await schema.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('migrates a database at an older version to the newest, keeping its data', async () => {
    const other = await createTestSchema(pgUrl);
    const pool = new pg.Pool({ connectionString: pgUrl, max: 1, options: `-c search_path=${other.schema}` });
    try {
      const v1 = POSTGRES_MIGRATIONS.filter((m) => m.version === 1);
      expect(await migratePostgres(pool, v1)).toEqual([1]);
      await pool.query("INSERT INTO secrets (name, value) VALUES ('kept', '\\x01')");
      const v2 = { version: 2, description: 'a later column', sql: 'ALTER TABLE rooms ADD COLUMN later TEXT' };
      expect(await migratePostgres(pool, [...v1, v2])).toEqual([2]);
      expect(await migratePostgres(pool, [...v1, v2])).toEqual([]);
      const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM secrets WHERE name = 'kept'");
      expect(rows[0]!.n).toBe('1');
    } finally {
      await pool.end();
      await other.drop();
    }
  });
});
