import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { boundsOf, freeSpotNear, noteBox, overlaps, revealLayout, type Box, type RevealedDraft } from '../../../shared/layout';
import { createNote, listNotes, revealPlacement } from '../../../shared/notes';
import { createScenario, listScenarios } from '../../../shared/scenarios';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../../shared/schema';

/** Every pair of boxes that overlap, as index pairs. */
function overlapping(boxes: readonly Box[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) out.push([i, j]);
  return out;
}

/** `perPerson` drafts for each of `people`, all written where every phone starts. */
function samePlaceDrafts(people: number, perPerson: number): RevealedDraft[] {
  const out: RevealedDraft[] = [];
  for (let p = 0; p < people; p++)
    for (let k = 0; k < perPerson; k++) out.push({ id: `n-${p}-${k}`, authorId: `person-${p}`, createdAt: 1000 + p * 10 + k });
  return out;
}

describe('laying out revealed drafts', () => {
  it('spreads three phones whose drafts sat on the same spot into three separate notes', () => {
    const placed = revealLayout([], samePlaceDrafts(3, 1));
    const boxes = [...placed.values()].map(noteBox);
    expect(boxes).toHaveLength(3);
    expect(overlapping(boxes)).toEqual([]);
  });

  it('keeps 200 people\'s drafts apart from each other and from what the board already holds', () => {
    const existing: Box[] = [noteBox({ x: 40, y: 40 }), noteBox({ x: 300, y: 40 }), { x: 0, y: 400, w: 680, h: 420 }];
    const placed = revealLayout(existing, samePlaceDrafts(200, 2));
    const boxes = [...existing, ...[...placed.values()].map(noteBox)];
    expect(placed.size).toBe(400);
    expect(overlapping(boxes)).toEqual([]);
  });

  it('forms a grid near the existing notes, about as wide as a projector', () => {
    const existing = [noteBox({ x: 0, y: 0 })];
    const placed = revealLayout(existing, samePlaceDrafts(60, 1));
    const block = boundsOf([...placed.values()].map(noteBox))!;
    const all = boundsOf([...existing, block])!;
    // Next to the existing note, not somewhere far away.
    expect(Math.min(block.x, block.y)).toBeLessThanOrEqual(NOTE_HEIGHT + 100);
    expect(all.w / all.h).toBeGreaterThan(1);
    expect(all.w / all.h).toBeLessThan(3);
    // Rows and columns: a handful of distinct x's and y's, not a scatter.
    const xs = new Set([...placed.values()].map((p) => p.x));
    const ys = new Set([...placed.values()].map((p) => p.y));
    expect(xs.size * ys.size).toBeLessThan(60 * 2);
  });

  it('keeps each author\'s notes together, authors in the order they first wrote', () => {
    const drafts: RevealedDraft[] = [
      { id: 'b1', authorId: 'bea', createdAt: 20 },
      { id: 'a1', authorId: 'ada', createdAt: 10 },
      { id: 'b2', authorId: 'bea', createdAt: 25 },
      { id: 'a2', authorId: 'ada', createdAt: 30 },
    ];
    const placed = revealLayout([], drafts);
    const reading = [...placed.entries()].sort(([, p], [, q]) => p.y - q.y || p.x - q.x).map(([id]) => id);
    expect(reading).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('starts at the top-left corner a fresh board shows when the board is empty', () => {
    const placed = revealLayout([], samePlaceDrafts(2, 1));
    expect(placed.get('n-0-0')).toEqual({ x: 40, y: 40 });
  });

  it('never overlaps, for any board and any number of drafts', () => {
    const box = fc.record({
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      w: fc.integer({ min: 20, max: 900 }),
      h: fc.integer({ min: 20, max: 900 }),
    });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 30 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 4 }), (existing, people, per) => {
        const placed = revealLayout(existing, samePlaceDrafts(people, per));
        const revealed = [...placed.values()].map(noteBox);
        if (overlapping(revealed).length > 0) return false;
        return revealed.every((r) => existing.every((e) => !overlaps(r, e)));
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });
});

describe('revealPlacement on a board document', () => {
  it('places drafts of several people beside the board\'s notes and frames', () => {
    const board = new Y.Doc();
    createNote(board, { x: 40, y: 40, text: 'board', author: { id: 'f', name: 'F', sector: 'public' } });
    createScenario(board, { name: 'S', x: 300, y: 0 });
    const drafts = ['ada', 'bea', 'cai'].map((owner) => {
      const doc = new Y.Doc();
      createNote(doc, { x: 40, y: 40, text: owner, author: { id: owner, name: owner, sector: 'civil' } });
      return { doc, owner };
    });
    const placed = revealPlacement(board, drafts);
    expect(placed.size).toBe(3);
    const boxes = [...listNotes(board).map(noteBox), ...listScenarios(board), ...[...placed.values()].map(noteBox)];
    expect(overlapping(boxes)).toEqual([]);
  });
});

describe('finding a free spot', () => {
  const opts = { stepX: NOTE_WIDTH + 16, stepY: NOTE_HEIGHT + 16, maxRing: 40 };

  it('takes the asked-for spot when it is free', () => {
    expect(freeSpotNear([], NOTE_WIDTH, NOTE_HEIGHT, 10, 20, opts)).toEqual({ x: 10, y: 20 });
  });

  it('still finds room on a crowded board (hundreds of notes around the spot)', () => {
    const taken: Box[] = [];
    for (let i = -10; i <= 10; i++) for (let j = -10; j <= 10; j++) taken.push(noteBox({ x: i * opts.stepX, y: j * opts.stepY }));
    const p = freeSpotNear(taken, NOTE_WIDTH, NOTE_HEIGHT, 0, 0, opts);
    expect(taken.some((b) => overlaps(b, noteBox(p)))).toBe(false);
  });

  it('sends different people asking for the same spot to different cells', () => {
    const seeded = (seed: string) => freeSpotNear([], NOTE_WIDTH, NOTE_HEIGHT, 0, 0, { ...opts, seed, seedRings: 3 });
    const spots = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map(seeded).map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBeGreaterThan(1);
    // The same person always starts at the same cell.
    expect(seeded('p-1')).toEqual(seeded('p-1'));
  });

  it('finds room for a large frame beside notes instead of over them', () => {
    const taken = [noteBox({ x: 0, y: 0 }), noteBox({ x: 220, y: 0 }), noteBox({ x: 0, y: 160 })];
    const p = freeSpotNear(taken, 680, 420, -100, -100, { stepX: 40, stepY: 40, maxRing: 60 });
    expect(taken.some((b) => overlaps(b, { ...p, w: 680, h: 420 }))).toBe(false);
  });
});
