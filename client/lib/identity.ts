/** How this person presents themselves: name, sector, and whether they are in
 * the room or remote. Chosen once on the device and reused on every board;
 * the participant id itself is issued by the server per room (lib/access).
 * Nothing is assumed: a profile without a sector is a facilitator's who
 * stays neutral; a participant is asked for one before they join. */
import { MAX_NAME_LENGTH, isSector, isWhere, type Sector, type Where } from '../../shared/schema';

export interface Profile {
  name: string;
  /** Null: chosen by nobody yet (a neutral facilitator needs none). */
  sector: Sector | null;
  where: Where;
  /** A facilitator who also takes part in the vote, with their sector. */
  facilitatorVotes: boolean;
}

/** A profile joined with the room's server-issued participant id, as the board uses it. */
export interface Identity {
  id: string;
  name: string;
  /** What notes and ballots carry; a neutral facilitator's notes say "other". */
  sector: Sector;
  where: Where;
  /** Whether this person casts dots: every participant, a facilitator only by choice. */
  votes: boolean;
  /** A facilitator who does not vote: shown as the facilitator, not as a sector. */
  neutral: boolean;
}

const STORAGE_KEY = 'tavolo.identity';

export function loadProfile(): Profile | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Record<keyof Profile, unknown>>;
    if (typeof v.name !== 'string' || !v.name.trim()) return null;
    return {
      name: v.name,
      sector: isSector(v.sector) ? v.sector : null,
      where: isWhere(v.where) ? v.where : 'remote',
      facilitatorVotes: v.facilitatorVotes === true,
    };
  } catch {
    return null;
  }
}

export function saveProfile(p: Profile): Profile {
  const profile: Profile = { ...p, name: p.name.trim().slice(0, MAX_NAME_LENGTH) };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(profile));
  } catch {
    // Private mode may refuse storage; the profile still lasts for this tab.
  }
  return profile;
}

/** Whether a profile is enough to join with this role: a participant needs a sector, so does a voting facilitator. */
export function profileComplete(p: Profile | null, role: 'facilitator' | 'participant' | 'observer'): boolean {
  if (role === 'observer') return true;
  if (!p) return false;
  return p.sector !== null || (role === 'facilitator' && !p.facilitatorVotes);
}

/** What the board uses: the server's id with the profile, and whether this person votes. */
export function identityOf(participantId: string | null, role: 'facilitator' | 'participant' | 'observer', p: Profile | null): Identity {
  const votes = role === 'participant' || (role === 'facilitator' && p !== null && p.facilitatorVotes && p.sector !== null);
  return {
    id: participantId ?? 'observer',
    name: p?.name ?? '',
    sector: (votes ? p?.sector : null) ?? 'other',
    where: p?.where ?? 'remote',
    votes,
    neutral: role === 'facilitator' && !votes,
  };
}
