import { describe, expect, it } from 'vitest';
import { fitView, screenToWorld } from '../../../client/lib/viewport';

describe('fitting the board to the screen', () => {
  it('keeps the fitted content clear of a bottom inset (the floating toolbar)', () => {
    const content = { x: 0, y: 0, w: 800, h: 600 };
    const view = fitView(content, 1000, 700, 48, 64);
    // The content's bottom edge lands above the inset, with the padding kept.
    const bottom = content.y + content.h;
    expect(bottom * view.zoom + view.y).toBeLessThanOrEqual(700 - 64 - 48 + 0.5);
    // …and its top below the top padding.
    expect(view.y).toBeGreaterThanOrEqual(48 - 0.5);
    expect(screenToWorld(view, 500, (700 - 64) / 2).x).toBeCloseTo(400);
  });
});
