/**
 * Large frames go out a few MiB per event-loop turn, across all sockets.
 *
 * A whole board for a joining client is about 1 MB on a 2,000-note board;
 * in a join storm the same frame goes to hundreds of sockets at once, and a
 * socket write costs its bytes in the kernel (on loopback the receiver's
 * side too): 300 joiners held the event loop for 300–450 ms in one turn,
 * while the people already in the room waited for their edits. Frames of
 * PACED_MIN_BYTES and more wait here, and each turn writes at most
 * `bytesPerTurn` of them before yielding to everything else.
 *
 * Order per socket is kept: once a socket has a frame waiting, its later
 * frames (small ones too) wait behind it.
 */

/** Frames this large are paced; everything else is written at once unless queued behind one. */
export const PACED_MIN_BYTES = 64 * 1024;

export interface PacedSink {
  /** Writes a frame now. */
  write(frame: Uint8Array): void;
}

export class PacedSends {
  /** Sockets with frames waiting, in the order they first queued one. */
  private readonly waiting = new Map<PacedSink, Uint8Array[]>();
  private scheduled = false;

  constructor(private readonly bytesPerTurn: number) {}

  /** Writes `frame` now, or queues it behind the sink's waiting frames or, if large, for a later turn. */
  send(sink: PacedSink, frame: Uint8Array): void {
    const queued = this.waiting.get(sink);
    if (queued) queued.push(frame);
    else if (frame.byteLength < PACED_MIN_BYTES) sink.write(frame);
    else {
      this.waiting.set(sink, [frame]);
      this.schedule();
    }
  }

  /** A closed socket's frames are dropped. */
  forget(sink: PacedSink): void {
    this.waiting.delete(sink);
  }

  /** Sockets with frames waiting. */
  get size(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    let budget = this.bytesPerTurn;
    for (const [sink, frames] of this.waiting) {
      if (budget <= 0) break;
      // Everything small behind the first large frame goes with it; the next large one waits for budget.
      while (frames.length > 0 && budget > 0) {
        const frame = frames.shift()!;
        budget -= frame.byteLength;
        sink.write(frame);
      }
      if (frames.length === 0) this.waiting.delete(sink);
    }
    if (this.waiting.size > 0) this.schedule();
  }
}
