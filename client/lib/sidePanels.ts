/**
 * Which side panels sit beside the board (results, the action plan, the
 * facilitation panel). Each takes width from the canvas, never covers it;
 * below WIDE_SCREEN_MIN_WIDTH at most one is open at a time, so the canvas
 * and its toolbar always keep room to work.
 */
export type SidePanel = 'results' | 'plan' | 'facilitate';

/** From this width up, panels may be open together (1920 fits two beside a usable canvas). */
export const WIDE_SCREEN_MIN_WIDTH = 1700;

export const canOpenSeveral = (screenWidth: number): boolean => screenWidth >= WIDE_SCREEN_MIN_WIDTH;

export function openPanel(open: readonly SidePanel[], panel: SidePanel, screenWidth: number): SidePanel[] {
  if (!canOpenSeveral(screenWidth)) return [panel];
  return open.includes(panel) ? [...open] : [...open, panel];
}

export const closePanel = (open: readonly SidePanel[], panel: SidePanel): SidePanel[] => open.filter((p) => p !== panel);

export const togglePanel = (open: readonly SidePanel[], panel: SidePanel, screenWidth: number): SidePanel[] =>
  open.includes(panel) ? closePanel(open, panel) : openPanel(open, panel, screenWidth);

/** A narrower window keeps only the most recently opened panel. */
export const fitToScreen = (open: readonly SidePanel[], screenWidth: number): SidePanel[] =>
  canOpenSeveral(screenWidth) || open.length <= 1 ? [...open] : open.slice(-1);
