/**
 * Keeps this device's list of workshops (client/lib/workshopList.ts) up to
 * date while a board is open: recorded when it opens, and again whenever
 * its title or phase changes, so the home page shows where each one is.
 */
import { useEffect } from 'react';
import type { Phase, Role } from '../../shared/phases';
import { rememberWorkshop } from '../lib/workshopList';

export function useRememberWorkshop(roomId: string, role: Role, title: string, phase: Phase, enabled: boolean): void {
  useEffect(() => {
    if (enabled) rememberWorkshop({ roomId, title, role, phase }, Date.now(), true);
    // Only on opening: later changes below refresh the entry without reordering on every render.
  }, [roomId, enabled]); // eslint-disable-line react-hooks/exhaustive-deps -- title/phase/role are refreshed by the effect below
  useEffect(() => {
    if (enabled) rememberWorkshop({ roomId, title, role, phase });
  }, [roomId, title, role, phase, enabled]);
}
