/**
 * A popover menu's life: focus its first control on open, and close on
 * Escape or on a pointer press outside `insideOf` (the popover plus whatever
 * opened it, so the opener's own click does not close and reopen it).
 */
import { useEffect, useRef, type RefObject } from 'react';

export function usePopoverDismiss(
  ref: RefObject<HTMLElement | null>,
  onClose: () => void,
  insideOf: (menu: HTMLElement) => (Element | null | undefined)[],
): void {
  // insideOf describes the DOM around the menu and is read at event time, so
  // the latest one is kept in a ref instead of re-subscribing on every render.
  const insideOfRef = useRef(insideOf);
  useEffect(() => {
    insideOfRef.current = insideOf;
  });
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    const onDown = (e: PointerEvent): void => {
      const menu = ref.current;
      if (menu && !insideOfRef.current(menu).some((el) => el?.contains(e.target as Node))) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [ref, onClose]);
}
