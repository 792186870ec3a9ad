/**
 * Keeps keyboard focus in the outline when what held it goes away: a note's
 * field when writing closes, a section emptied by a phase change. Without
 * this the browser drops focus to the page and the next Tab starts again
 * from the top. Focus lands on the nearest thing still there: the same
 * note (its list item), else the heading of the innermost section still there, else the
 * page title. Call once per render of the view: a removal happens in a
 * commit the view takes part in (a new model, new rights or a new phase).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

interface FocusPlace {
  element: HTMLElement;
  note: string | null;
  /** Headings of the sections it was in, innermost first. */
  headings: string[];
}

function sectionHeadings(el: HTMLElement): string[] {
  const ids: string[] = [];
  for (let s = el.closest('section[aria-labelledby]'); s; s = s.parentElement?.closest('section[aria-labelledby]') ?? null) {
    const id = s.getAttribute('aria-labelledby');
    if (id) ids.push(id);
  }
  return ids;
}

export function useFocusKeeper(fallback: () => HTMLElement | null): void {
  const last = useRef<FocusPlace | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent): void => {
      if (!(e.target instanceof HTMLElement)) return;
      last.current = {
        element: e.target,
        note: e.target.closest('[data-outline-note]')?.getAttribute('data-outline-note') ?? null,
        headings: sectionHeadings(e.target),
      };
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  useLayoutEffect(() => {
    const place = last.current;
    if (!place || place.element.isConnected || document.activeElement !== document.body) return;
    const note = place.note ? document.querySelector<HTMLElement>(`[data-outline-note="${CSS.escape(place.note)}"]`) : null;
    const heading = place.headings.map((id) => document.getElementById(id)).find((h) => h !== null) ?? null;
    (note ?? heading ?? fallback())?.focus();
  });
}
