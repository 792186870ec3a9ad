/** Brings a note asked for with jumpToNote into view and marks it for a moment. */
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { getNote } from '../../shared/notes';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { onJumpToNote } from '../lib/jumpToNote';
import type { Viewport } from './useViewport';

/** World units of context kept around the note. */
const MARGIN = 120;
const HIGHLIGHT_MS = 2000;
export const JUMP_TARGET_CLASS = 'is-jump-target';

export function useJumpToNote(doc: Y.Doc, viewport: Viewport): void {
  const { fit } = viewport;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onJumpToNote((id) => {
      const n = getNote(doc, id);
      if (!n) return;
      fit({ x: n.x - MARGIN, y: n.y - MARGIN, w: NOTE_WIDTH + 2 * MARGIN, h: NOTE_HEIGHT + 2 * MARGIN });
      // The card may mount only once the view reaches it (culling): mark it on the next frame.
      requestAnimationFrame(() => {
        document.querySelectorAll(`.${JUMP_TARGET_CLASS}`).forEach((el) => el.classList.remove(JUMP_TARGET_CLASS));
        document.querySelector(`[data-note-id="${CSS.escape(id)}"]`)?.classList.add(JUMP_TARGET_CLASS);
        clearTimeout(timer);
        timer = setTimeout(() => document.querySelector(`.${JUMP_TARGET_CLASS}`)?.classList.remove(JUMP_TARGET_CLASS), HIGHLIGHT_MS);
      });
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [doc, fit]);
}
