import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createNote, getNote, type Author } from '../../../../shared/notes';
import { DUPLICATE_CHECK_DELAY_MS, duplicateFlagsOf } from '../../../../client/lib/duplicateFlags';

const ada: Author = { id: 'participant-ada', name: 'Ada', sector: 'public' };
const THEMES = ['bike lanes along the canal', 'school canteen with local food', 'river wetlands restoration', 'night buses to the valley', 'library open on sundays'];

describe('duplicate flags on a board already full of notes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('leaves the first render alone, then checks the whole board in chunks and flags the later look-alike', () => {
    const doc = new Y.Doc();
    const ids: string[] = [];
    // 250 distinct notes (more than one chunk), then a near-copy of the sixth.
    for (let i = 0; i < 250; i++) ids.push(createNote(doc, { x: i, y: 0, text: `${THEMES[i % THEMES.length]} idea number ${i} ${'xyz'.repeat(i % 7)}${i}`, author: ada, now: 1000 + i }));
    const original = ids[5]!;
    const copy = createNote(doc, { x: 0, y: 200, text: getNote(doc, original)!.text, author: ada, now: 5000 });

    const flags = duplicateFlagsOf(doc);
    // Nothing is analysed while the board first renders.
    expect(flags.flagOf(copy)).toBeNull();
    vi.advanceTimersByTime(DUPLICATE_CHECK_DELAY_MS);
    // The first chunk ran; the rest follow a task at a time.
    vi.runAllTimers();
    expect(flags.flagOf(copy)).toBe(original);
    expect(flags.flagOf(original)).toBeNull();
  });
});
