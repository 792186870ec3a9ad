/** Resolving a typed join code to its room (POST /api/join), for the home page and the `/j/…` short link. */
import { JoinResponse } from '../../shared/api';
import { normalizeJoinCode } from '../../shared/ids';

export type JoinLookup = { kind: 'found'; roomId: string; code: string } | { kind: 'unknown' } | { kind: 'busy' } | { kind: 'error' };

export async function lookUpJoinCode(input: string): Promise<JoinLookup> {
  const code = normalizeJoinCode(input);
  // A code of the wrong shape is never sent: it cannot match, and look-ups are rate-limited.
  if (!code) return { kind: 'unknown' };
  try {
    const res = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    if (res.status === 404) return { kind: 'unknown' };
    if (res.status === 429) return { kind: 'busy' };
    if (!res.ok) return { kind: 'error' };
    return { kind: 'found', roomId: JoinResponse.parse(await res.json()).roomId, code };
  } catch {
    return { kind: 'error' };
  }
}

/** Enters the room with the code as the participant's link token, as a full participant link would. */
export function enterWithCode(roomId: string, code: string): void {
  window.location.replace(`/r/${encodeURIComponent(roomId)}#t=${code}`);
}
