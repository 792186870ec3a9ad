/**
 * Where things go on the board, as pure geometry: the block the revealed
 * drafts form, and the free spot nearest to where a note or a frame was asked
 * for. No Y.Doc here; callers pass the boxes they know about, so the server
 * (reveal) and every client (new notes, new frames) place things alike.
 */
import { NOTE_HEIGHT, NOTE_WIDTH } from './schema';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Space kept between neighbouring notes, in world units. */
export const NOTE_GAP = 16;
/** Space kept between the revealed block and what was already on the board. */
export const BLOCK_MARGIN = 64;
/** The revealed block is laid out about as wide as a projector is (16:9). */
const BLOCK_ASPECT = 16 / 9;

/** Strict overlap: boxes that only touch along an edge do not overlap. */
export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export const noteBox = (p: Point): Box => ({ x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT });

export function boundsOf(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export interface RevealedDraft {
  id: string;
  authorId: string;
  createdAt: number;
}

/** Where the revealed block starts on an empty board: the top-left corner a
 * fresh board view shows, where phones write too (PhoneView). */
export const EMPTY_BOARD_ORIGIN: Point = { x: 40, y: 40 };

/**
 * Positions for drafts revealed all at once. Each participant's drafts avoid
 * only their own, and every phone starts at the same point, so their own
 * positions would pile up. Instead they form one grid, grouped by author
 * (authors in the order they first wrote, each author's notes in writing
 * order), placed beside the board's existing content (below or to the right,
 * whichever keeps the board closer to a projector's shape), so it overlaps
 * nothing that was there and nothing in it overlaps.
 */
export function revealLayout(existing: readonly Box[], drafts: readonly RevealedDraft[]): Map<string, Point> {
  const out = new Map<string, Point>();
  if (drafts.length === 0) return out;
  const firstByAuthor = new Map<string, number>();
  for (const d of drafts) firstByAuthor.set(d.authorId, Math.min(firstByAuthor.get(d.authorId) ?? Infinity, d.createdAt));
  const ordered = [...drafts].sort(
    (a, b) =>
      firstByAuthor.get(a.authorId)! - firstByAuthor.get(b.authorId)! ||
      (a.authorId < b.authorId ? -1 : a.authorId > b.authorId ? 1 : 0) ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const cellW = NOTE_WIDTH + NOTE_GAP;
  const cellH = NOTE_HEIGHT + NOTE_GAP;
  const n = ordered.length;
  const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * BLOCK_ASPECT * cellH) / cellW))));
  const rows = Math.ceil(n / cols);
  const blockW = cols * cellW - NOTE_GAP;
  const blockH = rows * cellH - NOTE_GAP;

  const origin = blockOrigin(boundsOf(existing), blockW, blockH);
  ordered.forEach((d, k) => {
    out.set(d.id, { x: origin.x + (k % cols) * cellW, y: origin.y + Math.floor(k / cols) * cellH });
  });
  return out;
}

function blockOrigin(content: Box | null, blockW: number, blockH: number): Point {
  if (!content) return EMPTY_BOARD_ORIGIN;
  const below = { x: content.x, y: content.y + content.h + BLOCK_MARGIN };
  const right = { x: content.x + content.w + BLOCK_MARGIN, y: content.y };
  const misfit = (p: Point): number => {
    const all = boundsOf([content, { x: p.x, y: p.y, w: blockW, h: blockH }])!;
    return Math.abs(Math.log(all.w / all.h / BLOCK_ASPECT));
  };
  return misfit(right) < misfit(below) ? right : below;
}

/** A cheap deterministic hash, so each person's placements start somewhere of their own. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface FreeSpotOptions {
  /** Distance between candidate positions, in world units. */
  stepX: number;
  stepY: number;
  /** Candidate rings searched around the target before giving up. */
  maxRing: number;
  /**
   * Who asks. Different people asking for the same point at the same moment
   * (and not yet seeing each other's notes) start at different cells of the
   * first rings, so they rarely pick the same one.
   */
  seed?: string;
  /** How many rings the seed may spread the first choice over. */
  seedRings?: number;
}

/** The cells of ring `r` around (0, 0), clockwise from the top-left. */
function ringCells(r: number): Array<[number, number]> {
  if (r === 0) return [[0, 0]];
  const cells: Array<[number, number]> = [];
  for (let i = -r; i < r; i++) cells.push([i, -r]);
  for (let j = -r; j < r; j++) cells.push([r, j]);
  for (let i = r; i > -r; i--) cells.push([i, r]);
  for (let j = r; j > -r; j--) cells.push([-r, j]);
  return cells;
}

/**
 * The free position for a `w` × `h` box nearest to (x, y): candidates on a
 * grid of rings around the target, the first whose box meets no obstacle.
 * With a seed the search is centred on a cell picked by the seed among the
 * first `seedRings` rings. Falls back to (x, y) only when every ring is full.
 */
export function freeSpotNear(obstacles: readonly Box[], w: number, h: number, x: number, y: number, opts: FreeSpotOptions): Point {
  let cx = x;
  let cy = y;
  if (opts.seed !== undefined && (opts.seedRings ?? 0) > 0) {
    const side = 2 * (opts.seedRings ?? 0) + 1;
    const k = hashString(opts.seed) % (side * side);
    cx = x + ((k % side) - (opts.seedRings ?? 0)) * opts.stepX;
    cy = y + (Math.floor(k / side) - (opts.seedRings ?? 0)) * opts.stepY;
  }
  const index = new BoxIndex(obstacles, Math.max(opts.stepX, w), Math.max(opts.stepY, h));
  for (let r = 0; r <= opts.maxRing; r++) {
    for (const [i, j] of ringCells(r)) {
      const box = { x: cx + i * opts.stepX, y: cy + j * opts.stepY, w, h };
      if (!index.hits(box)) return { x: box.x, y: box.y };
    }
  }
  return { x, y };
}

/** Buckets boxes on a coarse grid, so a search over many candidates stays
 * linear in the board instead of candidates × notes. */
class BoxIndex {
  private readonly buckets = new Map<string, Box[]>();

  constructor(
    boxes: readonly Box[],
    private readonly cw: number,
    private readonly ch: number,
  ) {
    for (const b of boxes) this.eachCell(b, (key) => {
      const list = this.buckets.get(key);
      if (list) list.push(b);
      else this.buckets.set(key, [b]);
    });
  }

  private eachCell(b: Box, visit: (key: string) => void): void {
    const i0 = Math.floor(b.x / this.cw);
    const i1 = Math.floor((b.x + b.w) / this.cw);
    const j0 = Math.floor(b.y / this.ch);
    const j1 = Math.floor((b.y + b.h) / this.ch);
    for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) visit(`${i},${j}`);
  }

  hits(box: Box): boolean {
    let hit = false;
    this.eachCell(box, (key) => {
      if (!hit) hit = this.buckets.get(key)?.some((b) => overlaps(b, box)) ?? false;
    });
    return hit;
  }
}
