/** The projector's theme: light for a bright room, dark for a darkened one
 * (a white wall of light tires the eyes and washes out a dim projector).
 * Remembered on the projecting device; until chosen, the device's own
 * colour-scheme preference decides. */
import { useCallback, useState } from 'react';

export type ProjectorTheme = 'light' | 'dark';

const STORAGE_KEY = 'tavolo.projectorTheme';

const initial = (): ProjectorTheme => {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === 'light' || v === 'dark') return v;
  } catch {
    // Storage blocked: fall through to the device's preference.
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
};

export function useProjectorTheme(): [ProjectorTheme, (theme: ProjectorTheme) => void] {
  const [theme, setTheme] = useState<ProjectorTheme>(initial);
  const choose = useCallback((next: ProjectorTheme) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but switched for this tab.
    }
    setTheme(next);
  }, []);
  return [theme, choose];
}
