/** Where a new note goes, and where one's own new note moves when someone
 * else's lands on it.
 *
 * Placement without coordination: a client only sees the notes that have
 * reached it, so people pressing "Add note" at the same moment at the same
 * spot cannot see each other's choice. Two things keep them apart:
 * - each person's search starts at a cell picked by their participant id
 *   (shared/layout.ts `freeSpotNear` with a seed), so simultaneous creators
 *   usually choose different cells;
 * - when a remote note does land on one of my notes created moments ago, the
 *   later of the two (by createdAt, then id: the same answer on every
 *   device) moves to a free spot, and only its author moves it. */
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { DEFAULT_SCENARIO_HEIGHT, DEFAULT_SCENARIO_WIDTH } from '../../shared/scenarios';
import { NOTE_GAP, freeSpotNear as freeBoxNear, noteBox, overlaps, type Box, type Point } from '../../shared/layout';
import type { NotePositions } from './notePositions';
import type { Rect, View } from './viewport';

/** Height of a frame's header band, in world units (see ScenarioFrame.css). */
export const FRAME_HEADER = 48;
/** How far from the asked-for spot a new note may land before we give up. */
const MAX_RING = 40;
/** A laptop's new note starts within one cell of the screen's centre. */
export const BOARD_SEED_RINGS = 1;
/** Phones all write towards the same corner; spread them wider. */
export const PHONE_SEED_RINGS = 3;
/** A note of mine counts as "just created" (and may be nudged) this long. */
export const NUDGE_WINDOW_MS = 20_000;

/** What a note must keep clear of: every note (with a gap) and every frame's header. */
export function obstacles(occupied: Iterable<Point>, frames: readonly Rect[], skip?: (p: Point) => boolean): Box[] {
  const out: Box[] = frames.map((f) => ({ x: f.x, y: f.y, w: f.w, h: FRAME_HEADER }));
  for (const p of occupied) {
    if (skip?.(p)) continue;
    out.push({ x: p.x - NOTE_GAP / 2, y: p.y - NOTE_GAP / 2, w: NOTE_WIDTH + NOTE_GAP, h: NOTE_HEIGHT + NOTE_GAP });
  }
  return out;
}

function* pointsOf(layers: readonly NotePositions[]): Generator<Point> {
  for (const positions of layers) for (const [, p] of positions.entries()) yield p;
}

/** The free slot nearest to (x, y) for a new note, starting from this person's own cell. */
export function freeSpotNear(
  occupied: readonly NotePositions[],
  frames: readonly Rect[],
  x: number,
  y: number,
  seed?: { id: string; rings: number },
): Point {
  return freeBoxNear(obstacles(pointsOf(occupied), frames), NOTE_WIDTH, NOTE_HEIGHT, x, y, {
    stepX: NOTE_WIDTH + NOTE_GAP,
    stepY: NOTE_HEIGHT + NOTE_GAP,
    maxRing: MAX_RING,
    seed: seed?.id,
    seedRings: seed?.rings,
  });
}

/** Frames are placed on a finer grid than notes, and may go further afield. */
const FRAME_STEP = 40;
const FRAME_MAX_RING = 150;

/** The free spot nearest to (x, y) for a new frame of the default size: it
 * covers no note (one it would not contain) and no other frame. */
export function freeFrameSpot(
  notes: Iterable<[string, Point]>,
  frames: readonly Rect[],
  x: number,
  y: number,
  w = DEFAULT_SCENARIO_WIDTH,
  h = DEFAULT_SCENARIO_HEIGHT,
): Point {
  const boxes: Box[] = frames.map((f) => ({ x: f.x - NOTE_GAP, y: f.y - NOTE_GAP, w: f.w + 2 * NOTE_GAP, h: f.h + 2 * NOTE_GAP }));
  for (const [, p] of notes) boxes.push({ x: p.x - NOTE_GAP, y: p.y - NOTE_GAP, w: NOTE_WIDTH + 2 * NOTE_GAP, h: NOTE_HEIGHT + 2 * NOTE_GAP });
  return freeBoxNear(boxes, w, h, Math.round(x), Math.round(y), { stepX: FRAME_STEP, stepY: FRAME_STEP, maxRing: FRAME_MAX_RING });
}

/** Screen pixels kept clear around an item brought into view; more at the
 * bottom, where the floating toolbar sits. */
const SHOW_MARGIN = 32;
const SHOW_MARGIN_BOTTOM = 96;

/** Along one axis: how far to pan so [lo, hi] fits in [min, max], as little as possible. */
function shiftInto(lo: number, hi: number, min: number, max: number): number {
  if (hi - lo > max - min) return (min + max) / 2 - (lo + hi) / 2;
  if (lo < min) return min - lo;
  if (hi > max) return max - hi;
  return 0;
}

/** The view, same zoom, panned as little as needed to show `rect` whole, so
 * what was on screen mostly stays there. */
export function viewShowing(view: View, width: number, height: number, rect: Rect): View {
  if (width === 0 || height === 0) return view;
  const z = view.zoom;
  const left = rect.x * z + view.x;
  const top = rect.y * z + view.y;
  const dx = shiftInto(left, left + rect.w * z, SHOW_MARGIN, width - SHOW_MARGIN);
  const dy = shiftInto(top, top + rect.h * z, SHOW_MARGIN, height - SHOW_MARGIN_BOTTOM);
  return dx === 0 && dy === 0 ? view : { ...view, x: view.x + dx, y: view.y + dy };
}

export interface PlacedNote {
  id: string;
  x: number;
  y: number;
  createdAt: number;
}

/** Which of two overlapping notes gives way: the later one, ties by id. */
const later = (a: PlacedNote, b: PlacedNote): boolean => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * Where my just-created notes must move so that none overlaps a note that
 * was there first. Only `mine` move; the author of the other note does the
 * same on their device, so each overlapping pair is resolved exactly once.
 */
export function nudges(mine: readonly PlacedNote[], all: readonly PlacedNote[], frames: readonly Rect[], seed: string): Map<string, Point> {
  const out = new Map<string, Point>();
  const current = new Map(all.map((n) => [n.id, { ...n }]));
  for (const m of mine) {
    const me = current.get(m.id);
    if (!me) continue;
    const box = noteBox(me);
    const yields = [...current.values()].some((o) => o.id !== me.id && overlaps(noteBox(o), box) && later(me, o));
    if (!yields) continue;
    const spot = freeBoxNear(obstacles(current.values(), frames, (p) => p === me), NOTE_WIDTH, NOTE_HEIGHT, me.x, me.y, {
      stepX: NOTE_WIDTH + NOTE_GAP,
      stepY: NOTE_HEIGHT + NOTE_GAP,
      maxRing: MAX_RING,
      seed,
      seedRings: 1,
    });
    me.x = spot.x;
    me.y = spot.y;
    out.set(me.id, spot);
  }
  return out;
}
