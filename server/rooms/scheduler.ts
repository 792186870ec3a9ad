/**
 * Runs the store's schedules (server/storage/store.ts `Schedule`) when they
 * fall due, whether or not anyone is connected to the room. The schedules
 * live in the database, so a restart finds them again: `start` runs what
 * fell due while the server was down, then waits for the next one. One
 * timer is armed for the earliest schedule, and at most `maxWaitMs` ahead,
 * so schedules set by another process are seen within that time too. A run
 * that fails is retried at the next wake-up; a schedule is cleared only
 * after its handler succeeded, and only while it still holds the same ref.
 */
import type { Logger } from '../log';
import type { Schedule, Store } from '../storage/store';

export type ScheduleHandler = (schedule: Schedule) => Promise<void>;

export interface SchedulerOptions {
  /** Longest sleep between two looks at the store. */
  maxWaitMs?: number;
  /** Wait after a failed run before trying again. */
  retryMs?: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly handlers = new Map<string, ScheduleHandler>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: SchedulerOptions = {},
  ) {}

  on(name: string, handler: ScheduleHandler): void {
    this.handlers.set(name, handler);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Sets a schedule and re-arms the timer for it. */
  async set(schedule: Schedule): Promise<void> {
    await this.store.setSchedule(schedule);
    this.wake();
  }

  async clear(roomId: string, name: string, ref?: string): Promise<void> {
    await this.store.clearSchedule(roomId, name, ref);
  }

  /** Runs what is due now and arms the timer for the next; calls while running queue one more pass. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err: unknown) => {
        this.log.error({ err }, 'schedules could not be read');
        this.arm(this.opts.retryMs ?? 5_000);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pass(): Promise<void> {
    let failed = false;
    for (const s of await this.store.dueSchedules(Date.now())) {
      if (this.stopped) return;
      const handler = this.handlers.get(s.name);
      try {
        if (handler) await handler(s);
        else this.log.warn({ roomId: s.roomId, name: s.name }, 'no handler for a schedule: dropped');
        await this.store.clearSchedule(s.roomId, s.name, s.ref);
      } catch (err) {
        failed = true;
        this.log.error({ err, roomId: s.roomId, name: s.name }, 'scheduled run failed; retrying');
      }
    }
    const next = await this.store.nextScheduleAt();
    const maxWait = this.opts.maxWaitMs ?? 60_000;
    const wait = next === null ? maxWait : Math.min(maxWait, Math.max(0, next - Date.now()));
    this.arm(failed ? Math.max(wait, this.opts.retryMs ?? 5_000) : wait);
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, ms);
    this.timer.unref();
  }

  /** No more runs; waits for one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
