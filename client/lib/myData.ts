/**
 * "Download my contributions" and "Delete my contributions": the server's
 * my-data endpoints (server/transport/myDataApi.ts), asked with the link
 * token and the identity this device holds for the room, and what the
 * device itself keeps of them.
 */
import { ErasureResult, IDENTITY_HEADER, MyContributions } from '../../shared/participantData';
import { accessScope, loadAccess } from './access';

/** Prefix of text kept on this device for a note the board could not take (hooks/useNoteKeptText.ts). */
const KEPT_PREFIX = 'tavolo.kept.';

function headers(roomId: string): Record<string, string> | null {
  const access = loadAccess(accessScope(roomId, false));
  if (!access?.identityToken) return null;
  return { authorization: `Bearer ${access.token}`, [IDENTITY_HEADER]: access.identityToken };
}

const url = (roomId: string): string => `/api/rooms/${encodeURIComponent(roomId)}/my-data`;

/** Whether this device holds an identity the server can check (observers and projectors have none). */
export const canManageMyData = (roomId: string): boolean => headers(roomId) !== null;

export async function fetchMyData(roomId: string): Promise<{ blob: Blob; fileName: string }> {
  const h = headers(roomId);
  if (!h) throw new Error('no identity on this device');
  const res = await fetch(url(roomId), { headers: h });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = MyContributions.parse(await res.json());
  const day = new Date(body.exportedAt).toISOString().slice(0, 10);
  return { blob: new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }), fileName: `tavolo-my-contributions-${day}.json` };
}

export async function eraseMyData(roomId: string): Promise<ErasureResult> {
  const h = headers(roomId);
  if (!h) throw new Error('no identity on this device');
  const res = await fetch(url(roomId), { method: 'DELETE', headers: h });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ErasureResult.parse(await res.json());
}

/** Text kept on this device for the room's notes (by note id) and for new notes (by room id) goes too. */
export function forgetKeptText(roomId: string, noteIds: Iterable<string>): void {
  try {
    const ids = new Set(noteIds);
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (!key?.startsWith(KEPT_PREFIX)) continue;
      const rest = key.slice(KEPT_PREFIX.length);
      if (rest.includes(roomId) || (rest.startsWith('note.') && ids.has(rest.slice('note.'.length)))) keys.push(key);
    }
    keys.forEach((k) => window.localStorage.removeItem(k));
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}
