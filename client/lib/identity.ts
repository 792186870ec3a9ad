/** Who this device is on every board: kept in localStorage so a participant
 * is asked once, and their ballot follows them across reloads. */
import { newItemId } from '../../shared/ids';
import { MAX_NAME_LENGTH, isSector, type Sector } from '../../shared/schema';

export interface Identity {
  id: string;
  name: string;
  sector: Sector;
}

const STORAGE_KEY = 'tavolo.identity';

export function loadIdentity(): Identity | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Identity>;
    if (typeof v.id !== 'string' || typeof v.name !== 'string' || !v.name.trim() || !isSector(v.sector)) return null;
    return { id: v.id, name: v.name, sector: v.sector };
  } catch {
    return null;
  }
}

export function saveIdentity(name: string, sector: Sector, previous: Identity | null): Identity {
  const identity: Identity = { id: previous?.id ?? newItemId(), name: name.trim().slice(0, MAX_NAME_LENGTH), sector };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Private mode may refuse storage; the identity still lasts for this tab.
  }
  return identity;
}
