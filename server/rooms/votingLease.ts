/**
 * Orders a secret round's votes and its reveal across processes. A vote
 * holds the room's voting lock shared, a reveal holds it exclusive
 * (Store.lock), and each reads what the other stored once it holds the lock:
 * so a reveal counts every ballot whose vote was answered, and a vote taken
 * after a reveal on another process sees that reveal and is refused — a
 * voter is never told a dot was placed that the results leave out.
 *
 * Within one process, the votes of a room share one hold of the shared lock
 * (a lease) instead of a database connection each; a lease takes no new
 * votes after SEAL_MS, so a reveal waiting for the lock is not starved by a
 * steady stream of votes: later votes ask for the lock again and queue
 * behind the reveal.
 */
import type { Store } from '../storage/store';

const SEAL_MS = 50;

interface Lease {
  holders: number;
  sealed: boolean;
  /** Resolves once the lock is held and the lease's first read is done; gives the release. */
  ready: Promise<() => Promise<void>>;
}

const lockName = (roomId: string): string => `votes:${roomId}`;

export class VotingLocks {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly store: Pick<Store, 'lock'>,
    private readonly sealMs = SEAL_MS,
  ) {}

  /**
   * Runs `vote` holding the room's lock shared. `freshen` runs once per
   * lease, right after the lock is taken: it reads what other processes
   * stored before (a reveal), which no one can change while it is held.
   */
  async vote<T>(roomId: string, freshen: () => Promise<void>, vote: () => Promise<T>): Promise<T> {
    let lease = this.leases.get(roomId);
    if (!lease || lease.sealed) lease = this.open(roomId, freshen);
    lease.holders++;
    try {
      await lease.ready;
      return await vote();
    } finally {
      if (--lease.holders === 0) this.close(roomId, lease);
    }
  }

  /** Runs `reveal` holding the room's lock exclusive: no vote is being taken anywhere meanwhile. */
  async reveal<T>(roomId: string, reveal: () => Promise<T>): Promise<T> {
    const release = await this.store.lock(lockName(roomId), 'exclusive');
    try {
      return await reveal();
    } finally {
      await release();
    }
  }

  private open(roomId: string, freshen: () => Promise<void>): Lease {
    const lease: Lease = { holders: 0, sealed: false, ready: Promise.resolve(async () => undefined) };
    lease.ready = (async () => {
      const release = await this.store.lock(lockName(roomId), 'shared');
      try {
        await freshen();
      } catch (err) {
        await release();
        throw err;
      }
      setTimeout(() => {
        lease.sealed = true;
      }, this.sealMs).unref();
      return release;
    })();
    // A failed lease is never reused; its holders see the error.
    lease.ready.catch(() => {
      lease.sealed = true;
    });
    this.leases.set(roomId, lease);
    return lease;
  }

  private close(roomId: string, lease: Lease): void {
    if (this.leases.get(roomId) === lease) this.leases.delete(roomId);
    lease.ready.then(
      (release) => release(),
      () => undefined,
    );
  }
}
