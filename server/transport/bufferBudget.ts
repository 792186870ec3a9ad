/**
 * One cap on the outgoing bytes queued over ALL sockets, beside each
 * socket's own cap: ten slow readers each under their own limit can still
 * hold the process's memory. Sends are charged to a running estimate (an
 * upper bound: it only learns of drained bytes on a recount); when the
 * estimate passes the cap the real queues are counted and, while the total
 * is still over, the slowest reader (largest queue) is dropped.
 */
export interface Buffered {
  readonly bufferedAmount: number;
  /** Dropped to free memory for everyone else. */
  dropForBudget(): void;
}

/** Recount at most this often while hovering at the cap, so sends stay O(1). */
const MIN_RECOUNT_MS = 5;
const RECOUNT_EVERY_MS = 1000;

export class BufferBudget {
  private readonly members = new Set<Buffered>();
  private estimate = 0;
  private lastRecount = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly capBytes: number) {
    this.timer = setInterval(() => this.recount(), RECOUNT_EVERY_MS);
    this.timer.unref();
  }

  add(m: Buffered): void {
    this.members.add(m);
  }

  remove(m: Buffered): void {
    this.members.delete(m);
  }

  /** After a send queued `bytes` more. */
  charge(bytes: number): void {
    this.estimate += bytes;
    if (this.estimate > this.capBytes && performance.now() - this.lastRecount >= MIN_RECOUNT_MS) this.recount();
  }

  /** Bytes queued right now over every member. */
  total(): number {
    let total = 0;
    for (const m of this.members) total += m.bufferedAmount;
    return total;
  }

  private recount(): void {
    this.lastRecount = performance.now();
    let total = this.total();
    if (total > this.capBytes) {
      const bySize = [...this.members].sort((a, b) => b.bufferedAmount - a.bufferedAmount);
      for (const m of bySize) {
        if (total <= this.capBytes) break;
        total -= m.bufferedAmount;
        this.members.delete(m);
        m.dropForBudget();
      }
    }
    this.estimate = total;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
