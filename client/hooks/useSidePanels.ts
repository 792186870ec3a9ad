/** The board's side panels, open and closed by the rules of lib/sidePanels, following the window's width. */
import { useCallback, useEffect, useState } from 'react';
import { closePanel, fitToScreen, openPanel, togglePanel, type SidePanel } from '../lib/sidePanels';

export interface SidePanels {
  isOpen: (panel: SidePanel) => boolean;
  open: (panel: SidePanel) => void;
  close: (panel: SidePanel) => void;
  toggle: (panel: SidePanel) => void;
}

export function useSidePanels(initial: () => SidePanel[]): SidePanels {
  const [panels, setPanels] = useState<SidePanel[]>(() => fitToScreen(initial(), window.innerWidth));

  useEffect(() => {
    const onResize = (): void => setPanels((p) => fitToScreen(p, window.innerWidth));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const open = useCallback((panel: SidePanel) => setPanels((p) => openPanel(p, panel, window.innerWidth)), []);
  const close = useCallback((panel: SidePanel) => setPanels((p) => closePanel(p, panel)), []);
  const toggle = useCallback((panel: SidePanel) => setPanels((p) => togglePanel(p, panel, window.innerWidth)), []);
  const isOpen = useCallback((panel: SidePanel) => panels.includes(panel), [panels]);
  return { isOpen, open, close, toggle };
}
