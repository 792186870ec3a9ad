import { describe, expect, it } from 'vitest';
import { noteBox, overlaps } from '../../../shared/layout';
import { nudges, obstacles, viewShowing, type PlacedNote } from '../../../client/lib/placement';

/** Simulates the devices of several people: each applies only its own nudges, then they sync. */
function settle(notes: PlacedNote[], authors: Map<string, string>): PlacedNote[] {
  let board = notes.map((n) => ({ ...n }));
  for (let round = 0; round < 10; round++) {
    const people = new Set(authors.values());
    const moves = new Map<string, { x: number; y: number }>();
    for (const person of people) {
      const mine = board.filter((n) => authors.get(n.id) === person);
      for (const [id, p] of nudges(mine, board, [], person)) moves.set(id, p);
    }
    if (moves.size === 0) return board;
    board = board.map((n) => ({ ...n, ...(moves.get(n.id) ?? {}) }));
  }
  return board;
}

const anyOverlap = (notes: PlacedNote[]): boolean =>
  notes.some((a, i) => notes.some((b, j) => j > i && overlaps(noteBox(a), noteBox(b))));

describe('nudging one\'s own new note off a note that arrived from someone else', () => {
  it('moves only the later of two notes created at the same spot', () => {
    const first = { id: 'a', x: 0, y: 0, createdAt: 100 };
    const second = { id: 'b', x: 10, y: 5, createdAt: 101 };
    expect(nudges([first], [first, second], [], 'ada').size).toBe(0);
    const moved = nudges([second], [first, second], [], 'bea');
    expect(moved.size).toBe(1);
    expect(overlaps(noteBox(moved.get('b')!), noteBox(first))).toBe(false);
  });

  it('breaks a tie in creation time by id, the same way on every device', () => {
    const a = { id: 'a', x: 0, y: 0, createdAt: 100 };
    const b = { id: 'b', x: 0, y: 0, createdAt: 100 };
    expect(nudges([a], [a, b], [], 'ada').size).toBe(0);
    expect(nudges([b], [a, b], [], 'bea').size).toBe(1);
  });

  it('leaves eight people who all created a note at the same spot at the same moment with eight separate notes', () => {
    const notes: PlacedNote[] = [];
    const authors = new Map<string, string>();
    for (let i = 0; i < 8; i++) {
      notes.push({ id: `n${i}`, x: 40, y: 40, createdAt: 1000 + (i % 3) });
      authors.set(`n${i}`, `person-${i}`);
    }
    expect(anyOverlap(notes)).toBe(true);
    expect(anyOverlap(settle(notes, authors))).toBe(false);
  });

  it('keeps clear of frame headers', () => {
    const boxes = obstacles([], [{ x: 0, y: 0, w: 600, h: 400 }]);
    expect(boxes).toEqual([{ x: 0, y: 0, w: 600, h: 48 }]);
  });
});

describe('bringing a new frame into view', () => {
  it('leaves the view alone when the frame is already on screen', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    expect(viewShowing(view, 1000, 800, { x: 100, y: 100, w: 300, h: 200 })).toBe(view);
  });

  it('pans only as far as needed, so what was on screen mostly stays', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    const next = viewShowing(view, 1000, 800, { x: 900, y: 100, w: 300, h: 200 });
    expect(next.y).toBe(0);
    expect(next.x).toBe(1000 - 32 - 1200);
  });
});
