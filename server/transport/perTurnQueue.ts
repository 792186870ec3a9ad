/**
 * Work handled at most `perTurn` items per event-loop turn, in arrival
 * order: a burst (hundreds of websocket upgrades at a plenary's start) is
 * spread over turns instead of holding the event loop, so the edits of the
 * people already in a room are relayed in between.
 */
export class PerTurnQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly perTurn: number,
    private readonly handle: (item: T) => void,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const end = Math.min(this.items.length, this.head + this.perTurn);
    while (this.head < end) {
      const item = this.items[this.head]!;
      this.items[this.head++] = undefined as T;
      this.handle(item);
    }
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  };
}
