/**
 * The Redis the integration tests use (REDIS_URL, else 127.0.0.1:6379 when
 * one answers), and a private redis-server on a free port that a test may
 * kill and restart without touching the machine's own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { waitFor } from './waitFor';

const LOCAL_URL = 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    client.disconnect();
  }
}

/** The URL to test against, or why there is none (the tests then skip and print it). */
export async function findRedis(): Promise<{ url: string } | { skip: string }> {
  const url = process.env.REDIS_URL ?? LOCAL_URL;
  const why = await answers(url);
  if (why === null) return { url };
  if (process.env.REDIS_URL) throw new Error(`REDIS_URL is set but Redis does not answer: ${why}`);
  return { skip: `no REDIS_URL and no Redis at ${LOCAL_URL} (${why})` };
}

export const haveRedisServer = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export interface PrivateRedis {
  url: string;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A redis-server of this test's own, without persistence, on a free port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => (await answers(url)) === null, { message: `private redis on ${port}` });
  };
  await start();
  return {
    url,
    start,
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGKILL');
      await exited;
    },
  };
}
