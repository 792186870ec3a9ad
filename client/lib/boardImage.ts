/**
 * The board as a PNG, drawn by our own code onto a <canvas>: scenarios as
 * framed regions with their names, notes as coloured rectangles with their
 * text wrapped by `fillText`. Note text is only ever painted as glyphs, never
 * parsed as HTML, so nothing typed into a note can run or load anything.
 */
import type { ExportedBoard } from '../../shared/export/boardJson';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteColor, type ScenarioColor } from '../../shared/schema';

/** The same colours as the board's notes and frames (NoteCard.css, ScenarioFrame.css). */
const PAPER: Record<NoteColor, string> = { yellow: '#fff3a8', pink: '#ffd1dc', blue: '#cfe6ff', green: '#d4f5cf', orange: '#ffdcb4', purple: '#e6d8ff' };
const FRAME: Record<ScenarioColor, string> = { teal: '#0f8b8d', indigo: '#4c5fd5', rose: '#d6336c', amber: '#d08700', slate: '#5b6876', lime: '#5c940d' };

export const IMAGE_MARGIN = 40;
/** Canvases beyond ~16k pixels a side fail in browsers: large boards are scaled down to fit. */
export const MAX_IMAGE_SIDE = 8000;
const FONT = '14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LINE = 18;
const PAD = 12;

export interface ImageLayout {
  width: number;
  height: number;
  scale: number;
  /** World coordinates of the image's top-left corner. */
  originX: number;
  originY: number;
}

/** The bounding box of everything on the board, with a margin, in image pixels. */
export function imageLayout(board: ExportedBoard): ImageLayout {
  const boxes = [
    ...board.notes.map((n) => ({ x: n.x, y: n.y, w: NOTE_WIDTH, h: NOTE_HEIGHT })),
    ...board.scenarios.map((s) => ({ x: s.x, y: s.y - 28, w: s.w, h: s.h + 28 })),
  ];
  if (boxes.length === 0) return { width: 2 * IMAGE_MARGIN + NOTE_WIDTH, height: 2 * IMAGE_MARGIN + NOTE_HEIGHT, scale: 1, originX: -IMAGE_MARGIN, originY: -IMAGE_MARGIN };
  const minX = Math.min(...boxes.map((b) => b.x)) - IMAGE_MARGIN;
  const minY = Math.min(...boxes.map((b) => b.y)) - IMAGE_MARGIN;
  const maxX = Math.max(...boxes.map((b) => b.x + b.w)) + IMAGE_MARGIN;
  const maxY = Math.max(...boxes.map((b) => b.y + b.h)) + IMAGE_MARGIN;
  const scale = Math.min(1, MAX_IMAGE_SIDE / (maxX - minX), MAX_IMAGE_SIDE / (maxY - minY));
  return { width: Math.ceil((maxX - minX) * scale), height: Math.ceil((maxY - minY) * scale), scale, originX: minX, originY: minY };
}

/** Splits text into lines that fit `maxWidth`, breaking long words too; at most `maxLines`, the last one ellipsed. */
export function wrapText(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  const fits = (s: string): boolean => ctx.measureText(s).width <= maxWidth;
  for (const paragraph of text.split(/\r\n|[\r\n]/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (fits(next)) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the note is cut by characters (code points, never half an emoji).
      line = '';
      for (const ch of word) {
        if (!fits(line + ch) && line) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

export function drawBoard(canvas: HTMLCanvasElement, board: ExportedBoard): void {
  const layout = imageLayout(board);
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.fillStyle = '#f6f7f9';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.setTransform(layout.scale, 0, 0, layout.scale, -layout.originX * layout.scale, -layout.originY * layout.scale);
  ctx.textBaseline = 'top';
  for (const s of board.scenarios) {
    const colour = FRAME[s.color];
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = colour;
    ctx.fillRect(s.x, s.y, s.w, s.h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3;
    ctx.strokeRect(s.x, s.y, s.w, s.h);
    ctx.fillStyle = colour;
    ctx.font = `bold 18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
    ctx.fillText(wrapText(ctx, s.name, s.w, 1)[0] ?? '', s.x, s.y - 24);
  }
  ctx.font = FONT;
  for (const n of board.notes) {
    ctx.fillStyle = 'rgba(0, 0, 0, 0.12)';
    ctx.fillRect(n.x + 2, n.y + 3, NOTE_WIDTH, NOTE_HEIGHT);
    ctx.fillStyle = PAPER[n.color];
    ctx.fillRect(n.x, n.y, NOTE_WIDTH, NOTE_HEIGHT);
    ctx.fillStyle = '#1f2328';
    const lines = wrapText(ctx, n.text, NOTE_WIDTH - 2 * PAD, Math.floor((NOTE_HEIGHT - 2 * PAD) / LINE));
    lines.forEach((line, i) => ctx.fillText(line, n.x + PAD, n.y + PAD + i * LINE));
  }
}

/** The board as PNG bytes. */
export function boardPng(board: ExportedBoard): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawBoard(canvas, board);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
