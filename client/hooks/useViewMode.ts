/** Board (full canvas) or simple (phone) view: chosen by screen width until
 * the person picks one, then remembered on the device. The outline (for a
 * screen reader or the keyboard) is only ever chosen. */
import { useCallback, useEffect, useState } from 'react';

export type ViewMode = 'board' | 'simple' | 'outline';

const STORAGE_KEY = 'tavolo.viewMode';
/** Below this width a canvas is more hindrance than help. */
export const PHONE_MAX_WIDTH = 600;

const saved = (): ViewMode | null => {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'board' || v === 'simple' || v === 'outline' ? v : null;
  } catch {
    return null;
  }
};

const byWidth = (): ViewMode => (window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`).matches ? 'simple' : 'board');

export function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const [chosen, setChosen] = useState<ViewMode | null>(saved);
  const [auto, setAuto] = useState<ViewMode>(byWidth);

  useEffect(() => {
    const mq = window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`);
    const onChange = (): void => setAuto(byWidth());
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const choose = useCallback((mode: ViewMode) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, mode);
    } catch {
      // Not remembered, but switched for this tab.
    }
    setChosen(mode);
  }, []);

  return [chosen ?? auto, choose];
}
