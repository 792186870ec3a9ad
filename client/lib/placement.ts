/** Where a new note goes: the free slot nearest to where it was asked for,
 * so repeated "Add note" presses fan out instead of piling up, and never
 * over a frame's header (its name, count and dots stay readable). Every
 * layer the note will share the board with counts: a participant's private
 * drafts land on the board at the reveal, where they must not overlap. */
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import type { NotePositions } from './notePositions';
import { intersects, type Rect } from './viewport';

/** Height of a frame's header band, in world units (see ScenarioFrame.css). */
const FRAME_HEADER = 48;

const GAP = 16;
const MAX_RING = 4;

function isFree(occupied: readonly NotePositions[], frames: readonly Rect[], x: number, y: number): boolean {
  const box = { x, y, w: NOTE_WIDTH, h: NOTE_HEIGHT };
  if (frames.some((f) => intersects(box, { x: f.x, y: f.y, w: f.w, h: FRAME_HEADER }))) return false;
  for (const positions of occupied) {
    for (const [, p] of positions.entries()) {
      if (Math.abs(p.x - x) < NOTE_WIDTH + GAP / 2 && Math.abs(p.y - y) < NOTE_HEIGHT + GAP / 2) return false;
    }
  }
  return true;
}

export function freeSpotNear(occupied: readonly NotePositions[], frames: readonly Rect[], x: number, y: number): { x: number; y: number } {
  const stepX = NOTE_WIDTH + GAP;
  const stepY = NOTE_HEIGHT + GAP;
  for (let ring = 0; ring <= MAX_RING; ring++) {
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const cx = x + i * stepX;
        const cy = y + j * stepY;
        if (isFree(occupied, frames, cx, cy)) return { x: cx, y: cy };
      }
    }
  }
  return { x, y };
}
