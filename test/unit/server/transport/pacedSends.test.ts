import { describe, expect, it } from 'vitest';
import { PACED_MIN_BYTES, PacedSends, type PacedSink } from '../../../../server/transport/pacedSends';

/** A socket that records what was written to it, and in which turn. */
class Sink implements PacedSink {
  readonly written: { turn: number; bytes: number; tag: number }[] = [];
  constructor(private readonly clock: { turn: number }) {}
  write(frame: Uint8Array): void {
    this.written.push({ turn: this.clock.turn, bytes: frame.byteLength, tag: frame[0]! });
  }
}

const frame = (bytes: number, tag: number): Uint8Array => new Uint8Array(bytes).fill(tag, 0, 1);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PacedSends', () => {
  it('writes small frames at once and large ones a budget per turn, every socket in the order it was sent', async () => {
    const clock = { turn: 0 };
    const paced = new PacedSends(2 * PACED_MIN_BYTES);
    const a = new Sink(clock);
    const b = new Sink(clock);
    paced.send(a, frame(10, 1));
    expect(a.written).toEqual([{ turn: 0, bytes: 10, tag: 1 }]);

    // Three joiners' boards, and an edit relayed to the first one behind its board.
    for (const [sink, tag] of [[a, 2], [b, 3]] as const) paced.send(sink, frame(PACED_MIN_BYTES, tag));
    paced.send(a, frame(10, 4));
    paced.send(b, frame(PACED_MIN_BYTES, 5));
    paced.send(b, frame(10, 6));
    expect(a.written).toHaveLength(1);
    expect(b.written).toHaveLength(0);

    while (paced.size > 0) {
      clock.turn += 1;
      await nextTurn();
    }
    expect(a.written.map((w) => w.tag)).toEqual([1, 2, 4]);
    expect(b.written.map((w) => w.tag)).toEqual([3, 5, 6]);
    // Two large frames' worth per turn: b's second board waits for the next one.
    const large = [...a.written, ...b.written].filter((w) => w.bytes >= PACED_MIN_BYTES);
    const perTurn = new Map<number, number>();
    for (const w of large) perTurn.set(w.turn, (perTurn.get(w.turn) ?? 0) + 1);
    expect([...perTurn.values()].every((n) => n <= 2)).toBe(true);
    expect(perTurn.size).toBe(2);

    // Nothing waiting: a small frame goes at once again.
    paced.send(b, frame(10, 7));
    expect(b.written.at(-1)).toEqual({ turn: clock.turn, bytes: 10, tag: 7 });
  });

  it('drops what waits for a socket that closed', async () => {
    const clock = { turn: 0 };
    const paced = new PacedSends(PACED_MIN_BYTES);
    const gone = new Sink(clock);
    const kept = new Sink(clock);
    paced.send(gone, frame(PACED_MIN_BYTES, 1));
    paced.send(kept, frame(PACED_MIN_BYTES, 2));
    paced.forget(gone);
    while (paced.size > 0) await nextTurn();
    expect(gone.written).toEqual([]);
    expect(kept.written.map((w) => w.tag)).toEqual([2]);
  });
});
