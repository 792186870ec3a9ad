/**
 * Keyboard focus on the canvas moves the app's view, not the browser's
 * scroll: tabbing to a note or frame partly off screen pans the board just
 * enough to show it whole (above the toolbar), and any scroll the browser
 * makes to reveal an element inside the overflow-hidden canvas is turned
 * into the same pan, since the canvas shows the world through its own
 * transform only.
 */
import { useEffect, type RefObject } from 'react';
import { viewShowing } from '../lib/placement';
import { panBy } from '../lib/viewport';
import type { Viewport } from './useViewport';

const ITEM = '[data-note-id], [data-scenario-frame]';

export function useFocusPan(containerRef: RefObject<HTMLDivElement | null>, viewport: Viewport): void {
  const { setView, toWorld, viewRef } = viewport;
  useEffect(() => {
    const canvas = containerRef.current;
    if (!canvas) return;
    // A scroll the browser made to reveal something becomes the same pan of the app's view.
    const unscroll = (): void => {
      const dx = canvas.scrollLeft;
      const dy = canvas.scrollTop;
      if (dx === 0 && dy === 0) return;
      canvas.scrollTo(0, 0);
      setView(panBy(viewRef.current, -dx, -dy));
    };
    // Focus from a press is not panned to: the view would move under the pointer and lose the click.
    let pressing = false;
    const onDown = (): void => {
      pressing = true;
    };
    const onUp = (): void => {
      pressing = false;
    };
    const onFocusIn = (e: FocusEvent): void => {
      unscroll();
      if (pressing) return;
      const item = e.target instanceof Element ? e.target.closest<HTMLElement>(ITEM) : null;
      if (!item) return;
      const box = item.getBoundingClientRect();
      const topLeft = toWorld(box.left, box.top);
      const bottomRight = toWorld(box.right, box.bottom);
      const rect = { x: topLeft.x, y: topLeft.y, w: bottomRight.x - topLeft.x, h: bottomRight.y - topLeft.y };
      const next = viewShowing(viewRef.current, canvas.clientWidth, canvas.clientHeight, rect);
      if (next !== viewRef.current) setView(next);
    };
    canvas.addEventListener('focusin', onFocusIn);
    canvas.addEventListener('scroll', unscroll);
    canvas.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    return () => {
      canvas.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onUp, true);
      canvas.removeEventListener('focusin', onFocusIn);
      canvas.removeEventListener('scroll', unscroll);
    };
  }, [containerRef, setView, toWorld, viewRef]);
}
