/** Keeps a board item's menu clear of the floating toolbar (NoteMenu, ScenarioMenu). */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Screen pixels the menu keeps from the edges of what it must not go under. */
const EDGE_MARGIN = 8;

/**
 * How far (in world units) a menu opened on a note or a scenario must move
 * up to stay clear of the floating toolbar and the bottom of the canvas:
 * opened near the bottom of the screen it slides up over its own item,
 * never above the canvas. The menu's parent is the item it belongs to.
 */
export function useLiftAboveToolbar(ref: RefObject<HTMLDivElement | null>, confirming: boolean): number {
  const [lift, setLift] = useState(0);
  // On opening and whenever the menu grows (it asks to confirm a delete).
  useLayoutEffect(() => {
    const menu = ref.current;
    const item = menu?.parentElement;
    if (!menu || !item) return;
    // The menu lives in the zoomed world: screen pixels over the world's scale.
    const zoom = item.offsetHeight > 0 ? item.getBoundingClientRect().height / item.offsetHeight : 1;
    const lifted = menu.getBoundingClientRect();
    // Where the menu would be without any lift.
    const box = { top: lifted.top + lift * zoom, bottom: lifted.bottom + lift * zoom, left: lifted.left, right: lifted.right };
    const canvas = menu.closest('.canvas')?.getBoundingClientRect();
    const toolbar = document.querySelector('.toolbar')?.getBoundingClientRect();
    const underToolbar = toolbar && box.right > toolbar.left && box.left < toolbar.right ? toolbar.top : Infinity;
    const bottom = Math.min(canvas?.bottom ?? window.innerHeight, underToolbar) - EDGE_MARGIN;
    const top = (canvas?.top ?? 0) + EDGE_MARGIN;
    const px = Math.max(0, Math.min(box.bottom - bottom, box.top - top));
    const next = Math.round(px / zoom);
    if (next !== lift) setLift(next);
  }, [ref, lift, confirming]);
  return lift;
}
