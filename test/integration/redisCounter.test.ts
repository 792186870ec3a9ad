/**
 * The rate counters shared through Redis, against the real Redis: a counter
 * refuses to count before its connection is up (the caller then counts in
 * memory), so a process waits for `whenConnected` before serving, else its
 * first requests escape the limit shared with the other processes.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisCounter, type SharedCounter } from '../../server/relay/redisCounter';
import { findRedis } from '../helpers/redis';

const found = await findRedis();
if ('skip' in found) console.warn(`skipping the shared counter tests: ${found.skip}`);

const opened: SharedCounter[] = [];
const open = (url: string): SharedCounter => {
  const c = createRedisCounter(url);
  opened.push(c);
  return c;
};
afterAll(() => {
  for (const c of opened) c.close();
});

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe.skipIf('skip' in found)('shared rate counters', () => {
  const url = (found as { url: string }).url;

  it('refuses a hit made before the connection is up, and counts across counters once it is', async () => {
    const key = `test:${randomUUID()}`;
    const early = open(url);
    await expect(early.hit(key, 60_000)).rejects.toThrow();
    expect(await early.whenConnected(5_000)).toBe(true);
    const other = open(url);
    expect(await other.whenConnected(5_000)).toBe(true);
    expect((await early.hit(key, 60_000)).count).toBe(1);
    expect((await other.hit(key, 60_000)).count).toBe(2);
    // Connected already: answers at once.
    expect(await other.whenConnected(0)).toBe(true);
  });

  it('gives up waiting for a Redis that does not answer, and its hits fail so the caller counts in memory', async () => {
    const down = open(`redis://127.0.0.1:${await closedPort()}`);
    expect(await down.whenConnected(300)).toBe(false);
    await expect(down.hit('test:down', 60_000)).rejects.toThrow();
  });
});
