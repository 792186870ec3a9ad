/**
 * Peers' updates waiting for the room to check and apply them.
 *
 * A Yjs transaction costs time in proportion to the number of client ids the
 * document has ever seen (it builds the whole state vector before and after,
 * and again to encode its update): about 0.9 ms on a board written from 2,000
 * devices, which at a plenary's 200 edits a second was a fifth of the server's
 * core. So the updates of one event-loop turn are queued here and applied, one
 * by one and each checked against the state the previous ones left, inside
 * one transaction (about 0.2 ms an update in batches of four), unless a
 * sender repeats (see takeRuns).
 */
import type { DecodedUpdate } from '../auth/updateStructure';
import type { Peer } from './peer';

export interface InboxEntry {
  peer: Peer;
  update: Uint8Array;
  decoded: DecodedUpdate;
  /** Arrival order across every room of this process (see UpdateInbox.push). */
  seq: number;
}

/**
 * Counts arrivals in every room alike: a participant's drafts are checked
 * against their board's phase and lock as they stood when the draft
 * arrived, so the board applies what came before it, and only that, first.
 */
let arrivals = 0;

/**
 * The origin of a drained batch's transaction: which peers' updates it
 * applied (they need not be echoed their own change) and their bytes so far
 * (the size limit counts them before the transaction ends).
 */
export class InboxBatch {
  readonly writers = new Set<Peer>();
  bytes = 0;
}

export class UpdateInbox {
  private entries: InboxEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Queues an update, numbered in the process's arrival order. */
  push(entry: Omit<InboxEntry, 'seq'>): void {
    this.entries.push({ ...entry, seq: ++arrivals });
  }

  /**
   * Everything queued before arrival `before` (all by default), in arrival
   * order, taken out of the inbox and cut into
   * runs in which no peer sends twice: each run is one transaction. A peer's
   * second update may overwrite what its first one wrote (a note dragged on),
   * and inside one transaction Yjs would encode the overwritten value as
   * deleted content: the others would be relayed the first change without
   * what it said. Other peers cannot touch an item before they were sent it,
   * so runs across peers relay every update as its sender made it.
   */
  takeRuns(before = Infinity): InboxEntry[][] {
    const runs: InboxEntry[][] = [];
    let run: InboxEntry[] = [];
    const inRun = new Set<Peer>();
    let taken = 0;
    for (const entry of this.entries) {
      if (entry.seq >= before) break;
      taken++;
      if (inRun.has(entry.peer)) {
        runs.push(run);
        run = [];
        inRun.clear();
      }
      inRun.add(entry.peer);
      run.push(entry);
    }
    if (run.length > 0) runs.push(run);
    this.entries = taken === this.entries.length ? [] : this.entries.slice(taken);
    return runs;
  }

  clear(): void {
    this.entries = [];
  }
}
