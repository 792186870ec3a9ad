/**
 * The PostgreSQL the integration tests use: DATABASE_URL when set, else the
 * development server at 127.0.0.1:5432/test when one answers. Each test file
 * works in a schema of its own, dropped afterwards, so files running in
 * parallel never see each other's rows.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';

// pg takes the user from $USER, which test runners may not set; psql would use the login name.
const LOCAL_URL = `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1:5432/test`;

/** The URL to test against, or why there is none (the tests then skip and print it). */
export async function findPostgres(): Promise<{ url: string } | { skip: string }> {
  const url = process.env.DATABASE_URL ?? LOCAL_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (err) {
    const why = (err as Error).message;
    if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer: ${why}`, { cause: err });
    return { skip: `no DATABASE_URL and no PostgreSQL at ${LOCAL_URL} (${why})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestSchema {
  url: string;
  schema: string;
  /** Runs SQL in the test schema. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

/** A fresh schema `tavolo_test_<random>` on the test server. */
export async function createTestSchema(url: string): Promise<TestSchema> {
  const schema = `tavolo_test_${crypto.randomBytes(6).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined);
  await pool.query(`CREATE SCHEMA ${schema}`);
  return {
    url,
    schema,
    query: (sql, params) => pool.query(sql, params),
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
  };
}
