import { describe, expect, it } from 'vitest';
import { exportBoard } from '../../../../shared/export/boardJson';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../../../shared/schema';
import { IMAGE_MARGIN, MAX_IMAGE_SIDE, imageLayout, wrapText } from '../../../../client/lib/boardImage';
import { parseRoute } from '../../../../client/lib/route';
import { buildFixture } from '../../../helpers/exportFixture';

/** Every character 10 px wide: easy to reason about. */
const ruler = { measureText: (s: string) => ({ width: [...s].length * 10 }) as TextMetrics };

describe('the board image', () => {
  it('wraps words to the width, cuts words wider than a line, keeps emoji whole and ellipses what does not fit', () => {
    expect(wrapText(ruler, 'uno due tre quattro', 80, 5)).toEqual(['uno due', 'tre', 'quattro']);
    expect(wrapText(ruler, 'abcdefghijkl', 50, 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapText(ruler, '🌊🌊🌊🌊🌊🌊', 30, 5)).toEqual(['🌊🌊🌊', '🌊🌊🌊']);
    expect(wrapText(ruler, 'a\nb\nc\nd', 100, 2)).toEqual(['a', 'b…']);
    expect(wrapText(ruler, '<img src=x onerror=alert(1)>', 1000, 3)).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('frames everything on the board with a margin, scaled down only when huge', () => {
    const { board } = exportBoard(buildFixture().doc);
    const l = imageLayout(board);
    const right = Math.max(...board.notes.map((n) => n.x + NOTE_WIDTH), ...board.scenarios.map((s) => s.x + s.w));
    const bottom = Math.max(...board.notes.map((n) => n.y + NOTE_HEIGHT), ...board.scenarios.map((s) => s.y + s.h));
    expect(l.scale).toBe(1);
    expect(l.width).toBe(right + IMAGE_MARGIN - l.originX);
    expect(l.height).toBe(bottom + IMAGE_MARGIN - l.originY);
    const far = imageLayout({ ...board, notes: [...board.notes, { ...board.notes[0]!, id: 'far-away-note', x: 100_000 }] });
    expect(far.width).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    expect(far.scale).toBeLessThan(1);
  });
});

describe('the report route', () => {
  it('is /r/:roomId/report', () => {
    const roomId = 'abcdefghijklmnopqrstuv';
    expect(parseRoute(`/r/${roomId}/report`)).toEqual({ kind: 'report', roomId });
    expect(parseRoute(`/r/${roomId}/present`)).toEqual({ kind: 'present', roomId });
    expect(parseRoute(`/r/${roomId}/reports`)).toEqual({ kind: 'not-found' });
  });
});
