/**
 * The workshops this browser created or joined, for the home page: title,
 * when, role and phase, kept in localStorage on this device only. No token
 * lives here: the board's link opens with the access this device already
 * keeps per room (./access.ts).
 */
import { z } from 'zod';
import { PhaseSchema, MAX_TITLE_LENGTH } from '../../shared/documentSchemas';

const STORAGE_KEY = 'tavolo.workshops';
/** Enough for a facilitator's series of meetings; the oldest fall off. */
export const MAX_REMEMBERED = 50;

export const RememberedWorkshop = z.object({
  roomId: z.string().min(1).max(64),
  title: z.string().max(MAX_TITLE_LENGTH),
  role: z.enum(['facilitator', 'participant', 'observer']),
  phase: PhaseSchema,
  /** When this device first opened it, and last did (epoch ms). */
  firstSeen: z.number(),
  lastOpened: z.number(),
});
export type RememberedWorkshop = z.infer<typeof RememberedWorkshop>;

const listeners = new Set<() => void>();

export function loadWorkshops(): RememberedWorkshop[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((w) => {
      const r = RememberedWorkshop.safeParse(w);
      return r.success ? [r.data] : [];
    });
  } catch {
    return [];
  }
}

function save(list: RememberedWorkshop[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, MAX_REMEMBERED)));
  } catch {
    // Storage may be full or refused (private mode): the list is a convenience.
  }
  for (const l of listeners) l();
}

/** Records (or refreshes) a workshop, most recently opened first. Writes only when something changed. */
export function rememberWorkshop(entry: Omit<RememberedWorkshop, 'firstSeen' | 'lastOpened'>, now = Date.now(), opened = false): void {
  const list = loadWorkshops();
  const old = list.find((w) => w.roomId === entry.roomId);
  if (old && !opened && old.title === entry.title && old.role === entry.role && old.phase === entry.phase) return;
  const next: RememberedWorkshop = { ...entry, firstSeen: old?.firstSeen ?? now, lastOpened: opened || !old ? now : old.lastOpened };
  save([next, ...list.filter((w) => w.roomId !== entry.roomId)].sort((a, b) => b.lastOpened - a.lastOpened));
}

export function forgetWorkshop(roomId: string): void {
  save(loadWorkshops().filter((w) => w.roomId !== roomId));
}

export function subscribeWorkshops(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent): void => {
    if (e.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
