import { describe, expect, it } from 'vitest';
import { draftsMessage } from '../../../server/rooms/draftCounts';

const counts = (p: Partial<Record<'public' | 'private' | 'civil' | 'other', number>>) => ({ public: 0, private: 0, civil: 0, other: 0, ...p });

describe('the draft counts a facilitator sees', () => {
  it('adds notes per sector and counts each person with drafts once', () => {
    const msg = draftsMessage([counts({ civil: 2 }), counts({ private: 1 }), counts({}), counts({ civil: 1 })]);
    expect(msg).toEqual({
      t: 'drafts',
      notes: 4,
      writers: 3,
      bySector: { public: { notes: 0, writers: 0 }, private: { notes: 1, writers: 1 }, civil: { notes: 3, writers: 2 }, other: { notes: 0, writers: 0 } },
    });
  });
});
