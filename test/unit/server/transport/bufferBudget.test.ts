import { describe, expect, it } from 'vitest';
import { BufferBudget, type Buffered } from '../../../../server/transport/bufferBudget';

function reader(bufferedAmount: number, dropped: string[], name: string): Buffered & { bufferedAmount: number } {
  return { bufferedAmount, dropForBudget: () => dropped.push(name) };
}

describe('the server-wide budget of queued bytes', () => {
  it('drops the slowest readers first, only until the total is under the cap', () => {
    const dropped: string[] = [];
    const budget = new BufferBudget(100);
    const a = reader(10, dropped, 'a');
    const b = reader(70, dropped, 'b');
    const c = reader(40, dropped, 'c');
    for (const r of [a, b, c]) budget.add(r);
    budget.charge(120);
    expect(dropped).toEqual(['b']);
    expect(budget.total()).toBe(50);
    budget.stop();
  });

  it('drops nobody while the real queues are under the cap, even if the estimate is over', () => {
    const dropped: string[] = [];
    const budget = new BufferBudget(100);
    budget.add(reader(30, dropped, 'a'));
    budget.charge(500);
    expect(dropped).toEqual([]);
    budget.stop();
  });
});
