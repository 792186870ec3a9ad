/** The workshops this device remembers, live (another tab opening a board updates it too). */
import { useCallback, useSyncExternalStore } from 'react';
import { loadWorkshops, subscribeWorkshops, type RememberedWorkshop } from '../lib/workshopList';

let cache: { raw: string; list: RememberedWorkshop[] } = { raw: '', list: [] };

/** The same array while nothing changed, as useSyncExternalStore requires. */
function snapshot(): RememberedWorkshop[] {
  const list = loadWorkshops();
  const raw = JSON.stringify(list);
  if (raw !== cache.raw) cache = { raw, list };
  return cache.list;
}

export function useWorkshopList(): RememberedWorkshop[] {
  const subscribe = useCallback((cb: () => void) => subscribeWorkshops(cb), []);
  return useSyncExternalStore(subscribe, snapshot);
}
