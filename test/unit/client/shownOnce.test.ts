import { describe, expect, it } from 'vitest';
import { ShownOnce } from '../../../client/lib/shownOnce';

describe('a toast per event', () => {
  it('shows an event once, however often its toast is mounted again', () => {
    const ledger = new ShownOnce();
    const refused = { reason: 'no-dots-left', n: 1 };
    expect(ledger.claim(refused)).toBe(true);
    // Board → Simple → Board remounts the toast with the same, old event.
    expect(ledger.claim(refused)).toBe(false);
    expect(ledger.claim(refused)).toBe(false);
  });

  it('shows a new event with the same reason again', () => {
    const ledger = new ShownOnce();
    expect(ledger.claim({ reason: 'no-dots-left', n: 1 })).toBe(true);
    expect(ledger.claim({ reason: 'no-dots-left', n: 2 })).toBe(true);
  });
});
