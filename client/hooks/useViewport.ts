/**
 * Pan and zoom of the canvas. The live view sits in a ref and is written
 * straight to the world element's transform, so panning never waits for
 * React; React state follows at most once a frame, for culling and labels.
 * Mouse drag, touch pan and two-finger pinch all go through pointer events.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  INITIAL_VIEW,
  ZOOM_STEP,
  fitView,
  panBy,
  screenToWorld,
  zoomAt,
  type Rect,
  type View,
} from '../lib/viewport';

export interface Size {
  width: number;
  height: number;
}

export interface Viewport {
  view: View;
  size: Size;
  viewRef: RefObject<View>;
  setView: (next: View) => void;
  zoomBy: (factor: number) => void;
  resetZoom: () => void;
  fit: (content: Rect | null) => void;
  /** The world point at the centre of the screen. */
  centre: () => { x: number; y: number };
  /** Screen (client) coordinates to world coordinates. */
  toWorld: (clientX: number, clientY: number) => { x: number; y: number };
}

/** Pointer-downs on these start their own gesture instead of a pan. */
const NO_PAN = 'button, input, textarea, select, a, label, [data-drag-handle], [data-no-pan]';
const KEY_PAN = 60;
/** Screen pixels at the bottom of the canvas that the floating toolbar covers when it cannot be measured. */
const TOOLBAR_CLEARANCE = 64;

/**
 * How much of the canvas's bottom the floating toolbar covers now: it wraps
 * onto a second row on narrow screens, in Italian and at high zoom, so a
 * fixed allowance left notes under it after "Fit".
 */
function toolbarClearance(container: HTMLElement | null): number {
  const toolbar = container?.parentElement?.querySelector<HTMLElement>('.toolbar');
  if (!container || !toolbar) return TOOLBAR_CLEARANCE;
  const covered = container.getBoundingClientRect().bottom - toolbar.getBoundingClientRect().top;
  return covered > 0 ? Math.ceil(covered) + 8 : TOOLBAR_CLEARANCE;
}
const WHEEL_ZOOM_SPEED = 0.0025;

export function useViewport(
  containerRef: RefObject<HTMLDivElement | null>,
  worldRef: RefObject<HTMLDivElement | null>,
  /** A view ref owned by the caller, so board context can exist before the canvas. */
  sharedViewRef?: RefObject<View>,
): Viewport {
  const ownViewRef = useRef<View>(INITIAL_VIEW);
  const viewRef = sharedViewRef ?? ownViewRef;
  const [view, setViewState] = useState<View>(INITIAL_VIEW);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const frame = useRef(0);

  const setView = useCallback(
    (next: View) => {
      viewRef.current = next;
      const world = worldRef.current;
      if (world) world.style.transform = `translate(${next.x}px, ${next.y}px) scale(${next.zoom})`;
      // A custom property restyles the whole subtree: touch it only on zoom.
      const container = containerRef.current;
      if (container && container.style.getPropertyValue('--zoom') !== String(next.zoom)) {
        container.style.setProperty('--zoom', String(next.zoom));
      }
      if (!frame.current) {
        frame.current = requestAnimationFrame(() => {
          frame.current = 0;
          setViewState(viewRef.current);
        });
      }
    },
    [containerRef, worldRef, viewRef],
  );

  useLayoutEffect(() => {
    setView(viewRef.current);
    return () => cancelAnimationFrame(frame.current);
  }, [setView, viewRef]);

  const local = useCallback(
    (clientX: number, clientY: number): { x: number; y: number } => {
      const r = containerRef.current?.getBoundingClientRect();
      return { x: clientX - (r?.left ?? 0), y: clientY - (r?.top ?? 0) };
    },
    [containerRef],
  );

  const toWorld = useCallback(
    (clientX: number, clientY: number) => {
      const p = local(clientX, clientY);
      return screenToWorld(viewRef.current, p.x, p.y);
    },
    [local, viewRef],
  );

  const sizeRef = useRef(size);
  sizeRef.current = size;

  const zoomBy = useCallback(
    (factor: number) => {
      const { width, height } = sizeRef.current;
      setView(zoomAt(viewRef.current, viewRef.current.zoom * factor, width / 2, height / 2));
    },
    [setView, viewRef],
  );

  const resetZoom = useCallback(() => {
    const { width, height } = sizeRef.current;
    setView(zoomAt(viewRef.current, 1, width / 2, height / 2));
  }, [setView, viewRef]);

  const fit = useCallback(
    (content: Rect | null) => {
      const { width, height } = sizeRef.current;
      setView(content ? fitView(content, width, height, undefined, toolbarClearance(containerRef.current)) : INITIAL_VIEW);
    },
    [setView, containerRef],
  );

  const centre = useCallback(() => {
    const { width, height } = sizeRef.current;
    return screenToWorld(viewRef.current, width / 2, height / 2);
  }, [viewRef]);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;

    const resize = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    resize.observe(el);

    // Wheel scrolls pan; ctrl/meta+wheel (and trackpad pinch, which browsers
    // report as ctrl+wheel) zoom around the pointer.
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      if (e.ctrlKey || e.metaKey) {
        const p = local(e.clientX, e.clientY);
        const factor = Math.exp(-e.deltaY * scale * WHEEL_ZOOM_SPEED);
        setView(zoomAt(viewRef.current, viewRef.current.zoom * factor, p.x, p.y));
      } else {
        const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
        setView(panBy(viewRef.current, -dx * scale, -dy * scale));
      }
    };

    const pointers = new Map<number, { x: number; y: number }>();
    let pinch: { dist: number; mid: { x: number; y: number } } | null = null;
    const pinchOf = (): { dist: number; mid: { x: number; y: number } } | null => {
      const [a, b] = [...pointers.values()];
      if (!a || !b) return null;
      return { dist: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
    };

    const onDown = (e: PointerEvent): void => {
      if (e.pointerType === 'mouse' && e.button !== 0 && e.button !== 1) return;
      const target = e.target as Element | null;
      if (target?.closest(NO_PAN)) return;
      pointers.set(e.pointerId, local(e.clientX, e.clientY));
      el.setPointerCapture(e.pointerId);
      el.classList.add('is-panning');
      pinch = pointers.size === 2 ? pinchOf() : null;
    };
    const onMove = (e: PointerEvent): void => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const p = local(e.clientX, e.clientY);
      pointers.set(e.pointerId, p);
      if (pointers.size >= 2 && pinch) {
        const next = pinchOf();
        if (!next || pinch.dist === 0) return;
        let v = panBy(viewRef.current, next.mid.x - pinch.mid.x, next.mid.y - pinch.mid.y);
        v = zoomAt(v, v.zoom * (next.dist / pinch.dist), next.mid.x, next.mid.y);
        pinch = next;
        setView(v);
      } else if (pointers.size === 1) {
        setView(panBy(viewRef.current, p.x - prev.x, p.y - prev.y));
      }
    };
    const onUp = (e: PointerEvent): void => {
      if (!pointers.delete(e.pointerId)) return;
      pinch = pointers.size === 2 ? pinchOf() : null;
      if (pointers.size === 0) el.classList.remove('is-panning');
    };

    // Keys act only when the canvas itself has focus, never while typing in a note.
    const onKey = (e: KeyboardEvent): void => {
      if (e.target !== el || e.altKey || e.ctrlKey || e.metaKey) return;
      const pans: Record<string, [number, number]> = {
        ArrowLeft: [KEY_PAN, 0],
        ArrowRight: [-KEY_PAN, 0],
        ArrowUp: [0, KEY_PAN],
        ArrowDown: [0, -KEY_PAN],
      };
      const pan = pans[e.key];
      if (pan) setView(panBy(viewRef.current, pan[0], pan[1]));
      else if (e.key === '+' || e.key === '=') zoomBy(ZOOM_STEP);
      else if (e.key === '-' || e.key === '_') zoomBy(1 / ZOOM_STEP);
      else if (e.key === '0') resetZoom();
      else return;
      e.preventDefault();
    };

    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    el.addEventListener('keydown', onKey);
    return () => {
      resize.disconnect();
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
      el.removeEventListener('keydown', onKey);
    };
  }, [containerRef, local, setView, zoomBy, resetZoom, viewRef]);

  return { view, size, viewRef, setView, zoomBy, resetZoom, fit, centre, toWorld };
}
