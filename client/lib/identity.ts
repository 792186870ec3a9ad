/** How this person presents themselves: name, sector, and whether they are in
 * the room or remote. Chosen once on the device and reused on every board;
 * the participant id itself is issued by the server per room (lib/access). */
import { MAX_NAME_LENGTH, isSector, isWhere, type Sector, type Where } from '../../shared/schema';

export interface Profile {
  name: string;
  sector: Sector;
  where: Where;
}

/** A profile joined with the room's server-issued participant id. */
export interface Identity extends Profile {
  id: string;
}

const STORAGE_KEY = 'tavolo.identity';

export function loadProfile(): Profile | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Profile>;
    if (typeof v.name !== 'string' || !v.name.trim() || !isSector(v.sector)) return null;
    return { name: v.name, sector: v.sector, where: isWhere(v.where) ? v.where : 'remote' };
  } catch {
    return null;
  }
}

export function saveProfile(name: string, sector: Sector, where: Where): Profile {
  const profile: Profile = { name: name.trim().slice(0, MAX_NAME_LENGTH), sector, where };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(profile));
  } catch {
    // Private mode may refuse storage; the profile still lasts for this tab.
  }
  return profile;
}
