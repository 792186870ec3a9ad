import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { suggestForSnapshot, type SuggestSnapshot } from '../../../../shared/suggest/board';
import { SuggestPool } from '../../../../server/suggest/suggestPool';

const root = path.resolve(import.meta.dirname, '../../../..');

const SNAPSHOT: SuggestSnapshot = {
  notes: [
    { id: 'a', text: 'Più corse degli autobus tra le frazioni e il capoluogo' },
    { id: 'b', text: 'Autobus la sera tra le frazioni e la stazione' },
    { id: 'c', text: 'More buses between the villages and the station' },
    { id: 'd', text: 'Riqualificare il parco pubblico con alberi e panchine' },
    { id: 'e', text: 'Più alberi e panchine nel parco pubblico' },
    { id: 'f', text: 'Un parco pubblico con alberi, panchine e giochi' },
    { id: 'g', text: 'Più corse degli autobus tra le frazioni e il capoluogo, soprattutto la sera' },
  ],
  looseIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
};

/** A worker that answers every request at once with no groups: the pool's side of the protocol, without tsx's start-up. */
const EMPTY = { groups: [], duplicates: [] };
const answeringWorker = (): Worker =>
  new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', ({ jobId }) => parentPort.postMessage({ jobId, ok: true, suggestions: ${JSON.stringify(EMPTY)} }));`,
    { eval: true },
  );

/** A worker that never answers: it spins on the first message, as a runaway analysis would. */
const spinningWorker = (): Worker => new Worker("require('node:worker_threads').parentPort.on('message', () => { for (;;); });", { eval: true });

describe('SuggestPool', () => {
  let pool: SuggestPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('computes on a worker thread the same suggestions as on the calling thread', async () => {
    pool = new SuggestPool({ workers: 1, queueLimit: 4, timeoutMs: 30_000 });
    const outcome = await pool.run('room', SNAPSHOT);
    expect(outcome).toEqual({ ok: true, suggestions: suggestForSnapshot(SNAPSHOT) });
  });

  it('refuses a second request for a room while its first is running, and takes it once that ends', async () => {
    pool = new SuggestPool({ workers: 1, queueLimit: 4, timeoutMs: 30_000 });
    const first = pool.run('room', SNAPSHOT);
    expect(await pool.run('room', SNAPSHOT)).toMatchObject({ ok: false, reason: 'room_busy' });
    expect((await first).ok).toBe(true);
    expect((await pool.run('room', SNAPSHOT)).ok).toBe(true);
  });

  it('queues other rooms up to the limit, refuses past it, and ends the waiting requests on close', async () => {
    pool = new SuggestPool({ workers: 1, queueLimit: 1, timeoutMs: 60_000, spawn: spinningWorker });
    const running = pool.run('a', SNAPSHOT);
    const queued = pool.run('b', SNAPSHOT);
    expect(await pool.run('c', SNAPSHOT)).toMatchObject({ ok: false, reason: 'queue_full' });
    expect(pool.pending).toBe(2);
    await pool.close();
    expect(await running).toMatchObject({ ok: false, reason: 'closed' });
    expect(await queued).toMatchObject({ ok: false, reason: 'closed' });
  });

  it('terminates a worker that runs past the deadline, answers timeout, and serves the next request on a fresh worker', async () => {
    const spawned: string[] = [];
    pool = new SuggestPool({
      workers: 1,
      queueLimit: 4,
      timeoutMs: 300,
      spawn: () => {
        spawned.push(spawned.length === 0 ? 'spinning' : 'real');
        return spawned.length === 1 ? spinningWorker() : answeringWorker();
      },
    });
    const runaway = pool.run('a', SNAPSHOT);
    const next = pool.run('b', SNAPSHOT);
    expect(await runaway).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await next).toEqual({ ok: true, suggestions: EMPTY });
    expect(spawned).toEqual(['spinning', 'real']);
    expect(pool.pending).toBe(0);
  });

  // From the TypeScript sources: development starts node with --import tsx,
  // scripts register tsx through its API. (`npm start` and the integration
  // tests run the bundle, build/server, whose worker is bundled beside it.)
  it.each([
    ['node --import tsx (development)', ['--import', 'tsx']],
    ["tsx's register() (scripts)", []],
  ])('loads its worker when the server runs under %s', async (_how, nodeFlags) => {
    // CommonJS with import(), not --input-type=module: a worker inherits the process's flags, and that one would stop it.
    const program = `(async () => {
      ${nodeFlags.length === 0 ? "const { register } = await import('tsx/esm/api'); register();" : ''}
      const { SuggestPool } = await import('./server/suggest/suggestPool.ts');
      const pool = new SuggestPool({ workers: 1, queueLimit: 1, timeoutMs: 30000 });
      const outcome = await pool.run('room', ${JSON.stringify(SNAPSHOT)});
      await pool.close();
      console.log(JSON.stringify(outcome));
    })();`;
    const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '-e', program], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ ok: true, suggestions: suggestForSnapshot(SNAPSHOT) });
  });
});
