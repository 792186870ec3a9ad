/**
 * A popover menu's life: focus its first control on open, and close on
 * Escape (focus back to its opener) or on a pointer press outside `insideOf`
 * (the popover plus whatever opened it, so the opener's own click does not
 * close and reopen it).
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
  // onClose too: callers pass a new function each render, and re-running the
  // effect below would take focus back to the first control mid-use.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    insideOfRef.current = insideOf;
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const onClose = (): void => onCloseRef.current();
    // What had focus on opening (the menu's button): Escape gives focus back to it, never to the page body.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      const hadFocus = ref.current?.contains(document.activeElement) ?? false;
      onClose();
      if (hadFocus && opener?.isConnected) opener.focus();
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
  }, [ref]);
}
