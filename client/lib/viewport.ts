/** Pure pan/zoom arithmetic. Screen = (world + offset) * zoom is avoided in
 * favour of screen = world * zoom + (x, y), which keeps zoom-around-a-point
 * a two-line formula. */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 3;
export const ZOOM_STEP = 1.2;
export const INITIAL_VIEW: View = { x: 40, y: 40, zoom: 1 };

const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export const screenToWorld = (view: View, sx: number, sy: number): { x: number; y: number } => ({
  x: (sx - view.x) / view.zoom,
  y: (sy - view.y) / view.zoom,
});

/** Zooms so that the world point under (sx, sy) stays under it. */
export function zoomAt(view: View, nextZoom: number, sx: number, sy: number): View {
  const zoom = clampZoom(nextZoom);
  const wx = (sx - view.x) / view.zoom;
  const wy = (sy - view.y) / view.zoom;
  return { zoom, x: sx - wx * zoom, y: sy - wy * zoom };
}

export const panBy = (view: View, dx: number, dy: number): View => ({ ...view, x: view.x + dx, y: view.y + dy });

/** The world rectangle the screen shows, grown by `margin` screen pixels. */
export function visibleWorld(view: View, width: number, height: number, margin = 0): Rect {
  const m = margin / view.zoom;
  return { x: -view.x / view.zoom - m, y: -view.y / view.zoom - m, w: width / view.zoom + 2 * m, h: height / view.zoom + 2 * m };
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function unionRect(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** The view that shows `content` whole, centred, never zoomed in past 1. */
export function fitView(content: Rect, width: number, height: number, padding = 48, bottomInset = 0): View {
  // `bottomInset`: screen kept clear at the bottom (the floating toolbar), so nothing fitted lies under it.
  const usable = height - bottomInset;
  const zoom = clampZoom(Math.min(1, (width - 2 * padding) / content.w, (usable - 2 * padding) / content.h));
  return {
    zoom,
    x: width / 2 - (content.x + content.w / 2) * zoom,
    y: usable / 2 - (content.y + content.h / 2) * zoom,
  };
}
