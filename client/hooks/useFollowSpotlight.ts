/** Moves the view to the facilitator's spotlighted item each time a new
 * spotlight is set (`at` changes), with a short animation. Returns the id
 * of the item the view went to, while following. */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { NOTE_HEIGHT, NOTE_WIDTH, type Spotlight } from '../../shared/schema';
import { getNote } from '../../shared/notes';
import { getScenario } from '../../shared/scenarios';
import type { Viewport } from './useViewport';

const ANIMATION_MS = 450;
/** World units of context kept around the spotlighted item. */
const MARGIN = 80;

export function useFollowSpotlight(
  doc: Y.Doc,
  spotlight: Spotlight | null,
  follow: boolean,
  viewport: Viewport,
  worldRef: RefObject<HTMLDivElement | null>,
): string | null {
  const [followed, setFollowed] = useState<string | null>(null);
  const lastAt = useRef<number | null>(null);
  // Outside the effect: setting `followed` re-runs it at once, and a cleanup
  // there would cancel the timer and leave every later pan animated.
  const animation = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(animation.current), []);
  const { fit, size } = viewport;
  const ready = size.width > 0;

  useEffect(() => {
    // Turning follow back on goes to the spotlight as it is now, even one already visited.
    if (!follow) lastAt.current = null;
    if (!follow || !spotlight || !ready) return;
    if (lastAt.current === spotlight.at && followed === spotlight.id) return;
    const item =
      spotlight.kind === 'note'
        ? (() => {
            const n = getNote(doc, spotlight.id);
            return n ? { x: n.x, y: n.y, w: NOTE_WIDTH, h: NOTE_HEIGHT } : null;
          })()
        : getScenario(doc, spotlight.id);
    if (!item) return;
    lastAt.current = spotlight.at;
    const world = worldRef.current;
    world?.classList.add('is-animating');
    fit({ x: item.x - MARGIN, y: item.y - MARGIN, w: item.w + 2 * MARGIN, h: item.h + 2 * MARGIN });
    setFollowed(spotlight.id);
    clearTimeout(animation.current);
    animation.current = setTimeout(() => world?.classList.remove('is-animating'), ANIMATION_MS);
  }, [doc, spotlight, follow, ready, fit, worldRef, followed]);

  // Only once the view has gone there: not the previous spotlight while the new one is on its way.
  return follow && spotlight && followed === spotlight.id ? followed : null;
}
