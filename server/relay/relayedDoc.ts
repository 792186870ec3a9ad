/**
 * One room's side of the relay: publishes what the room stored, applies
 * what other processes stored, and knows up to which sequence the room's
 * document holds every stored update. Compaction may only fold that far:
 * an update another process appended but this one has not applied yet must
 * survive it. A gap (a message lost while Redis was away) is filled from
 * the store, as is everything after a (re)subscription.
 */
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Store } from '../storage/store';
import { inProcessRelay, type Bindings, type Relay, type RelayChannel, type RoomSignal } from './relay';

/** Origin of changes applied from another process: relayed to peers, never stored again. */
export const RELAY_ORIGIN = Symbol('relay');

const GAP_WAIT_MS = 500;

export interface RelayTarget {
  applyUpdate(update: Uint8Array): void;
  applyAwareness(update: Uint8Array): void;
  bind(owner: string, clientIds: number[]): void;
  signal(signal: RoomSignal): void;
}

export class RelayedDoc {
  /** Every stored update up to this sequence is in the document. */
  private folded: number;
  /** Sequences past `folded` already in the document. */
  private readonly ahead = new Set<number>();
  private readonly channel: RelayChannel;
  private catchingUp: Promise<void> | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private left = false;
  /** False alone: the room then skips encoding what nobody would receive. */
  readonly active: boolean;

  constructor(
    private readonly docId: string,
    private readonly store: Store,
    loadedSeq: number,
    relay: Relay,
    private readonly log: Logger,
    private readonly target: RelayTarget,
  ) {
    this.folded = loadedSeq;
    this.active = relay !== inProcessRelay;
    this.channel = relay.join(docId, {
      update: (seq, update, bindings) => this.receive(seq, update, bindings),
      awareness: (update) => !this.left && this.target.applyAwareness(update),
      signal: (signal) => !this.left && this.target.signal(signal),
      subscribed: () => void this.catchUp(),
    });
  }

  get foldedSeq(): number {
    return this.folded;
  }

  /** The room stored `update` as `seq`: the other processes hear of it now. */
  stored(seq: number, update: Uint8Array, bindings: Bindings): void {
    this.fold(seq);
    this.channel.publishUpdate(seq, update, bindings);
  }

  publishAwareness(update: Uint8Array): void {
    this.channel.publishAwareness(update);
  }

  publishSignal(signal: RoomSignal): void {
    this.channel.publishSignal(signal);
  }

  /** The sequence a compaction may fold up to, after filling any gap from the store. */
  async compactableSeq(): Promise<number> {
    if (this.ahead.size > 0) await this.catchUp();
    return this.folded;
  }

  leave(): void {
    this.left = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.channel.leave();
  }

  private receive(seq: number, update: Uint8Array, bindings: Bindings): void {
    if (this.left || seq <= this.folded || this.ahead.has(seq)) return;
    for (const [owner, ids] of bindings) this.target.bind(owner, ids);
    this.target.applyUpdate(update);
    this.fold(seq);
    // A sequence skipped is usually an append still on its way here; one
    // still missing a moment later was lost (its process died between
    // storing and publishing, or Redis dropped it): read it from the store.
    if (this.ahead.size > 0 && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.ahead.size > 0 && !this.left) void this.catchUp();
      }, GAP_WAIT_MS);
      this.gapTimer.unref();
    }
  }

  private fold(seq: number): void {
    if (seq <= this.folded) return;
    this.ahead.add(seq);
    while (this.ahead.delete(this.folded + 1)) this.folded++;
  }

  /**
   * Applies everything the store held when called: a catch-up already under
   * way may have read before something the caller must see (a reveal stored
   * under a lock just taken), so it is followed by one of our own.
   */
  async catchUpNow(): Promise<void> {
    if (this.catchingUp) await this.catchingUp;
    await this.catchUp();
  }

  /** Applies whatever the store holds past `folded`; one catch-up at a time. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const from = this.folded;
        const missed = await this.store.load(this.docId, from);
        if (this.left) return;
        const parts = missed.snapshot ? [missed.snapshot, ...missed.updates] : missed.updates;
        if (parts.length > 0) this.target.applyUpdate(parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));
        if (missed.lastSeq > this.folded) {
          this.folded = missed.lastSeq;
          for (const s of this.ahead) if (s <= this.folded) this.ahead.delete(s);
          while (this.ahead.delete(this.folded + 1)) this.folded++;
        }
        if (parts.length > 0) this.log.info({ roomId: this.docId, from, to: this.folded }, 'caught up from the store');
      } catch (err) {
        this.log.warn({ err, roomId: this.docId }, 'catching up from the store failed; the next subscription or compaction retries');
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }
}
