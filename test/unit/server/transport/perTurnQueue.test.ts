import { describe, expect, it } from 'vitest';
import { PerTurnQueue } from '../../../../server/transport/perTurnQueue';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PerTurnQueue', () => {
  it('handles a burst a few per event-loop turn, in arrival order, letting other work run in between', async () => {
    const handled: number[][] = [[]];
    const queue = new PerTurnQueue<number>(3, (n) => handled.at(-1)!.push(n));
    for (let i = 0; i < 8; i++) queue.push(i);
    expect(queue.size).toBe(8);
    expect(handled).toEqual([[]]);
    while (queue.size > 0) {
      await nextTurn();
      handled.push([]);
    }
    expect(handled.filter((turn) => turn.length > 0)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7]]);
    // Later arrivals are handled as before.
    queue.push(8);
    await nextTurn();
    expect(handled.flat().at(-1)).toBe(8);
  });
});
