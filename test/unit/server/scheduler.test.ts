import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { log } from '../../../server/log';
import { Scheduler } from '../../../server/rooms/scheduler';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import type { Schedule, Store } from '../../../server/storage/store';
import { waitFor } from '../../helpers/waitFor';

let open: { store: Store; scheduler: Scheduler }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.scheduler.stop();
    await o.store.close();
  }
  open = [];
});

function setUp(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-scheduler-'))) {
  const store = createSqliteStore({ dataDir: dir });
  const scheduler = new Scheduler(store, log, { maxWaitMs: 1000, retryMs: 20 });
  open.push({ store, scheduler });
  return { store, scheduler, dir };
}

describe('the scheduler', () => {
  it('runs a schedule when it falls due and clears it', async () => {
    const { store, scheduler } = setUp();
    const ran: Schedule[] = [];
    scheduler.on('close', async (s) => void ran.push(s));
    scheduler.start();
    await scheduler.set({ roomId: 'r1', name: 'close', dueAt: Date.now() + 50, ref: 'w1' });
    await waitFor(() => ran.length === 1, { message: 'the run' });
    expect(ran[0]).toMatchObject({ roomId: 'r1', ref: 'w1' });
    await waitFor(async () => (await store.nextScheduleAt()) === null, { message: 'cleared' });
  });

  it('keeps a schedule whose run failed and runs it again', async () => {
    const { store, scheduler } = setUp();
    let attempts = 0;
    scheduler.on('close', async () => {
      attempts++;
      if (attempts === 1) throw new Error('storage hiccup');
    });
    await store.setSchedule({ roomId: 'r1', name: 'close', dueAt: Date.now() - 1, ref: 'w1' });
    scheduler.start();
    await waitFor(() => attempts === 2, { message: 'the retry' });
    await waitFor(async () => (await store.nextScheduleAt()) === null, { message: 'cleared after success' });
  });

  it('finds on start what fell due while it was stopped', async () => {
    const first = setUp();
    await first.store.setSchedule({ roomId: 'r1', name: 'close', dueAt: Date.now() - 1000, ref: 'w1' });
    await first.store.close();
    open = [];
    const again = setUp(first.dir);
    const ran: string[] = [];
    again.scheduler.on('close', async (s) => void ran.push(s.ref));
    again.scheduler.start();
    await waitFor(() => ran.length === 1, { message: 'the overdue run' });
    expect(ran).toEqual(['w1']);
  });
});
